import { BambooHrConnector } from "./bamboohr/connector";
import type { ConnectionConfig } from "./config";
import type { ConnectorOptions } from "./connector-options";
import type { Connector } from "./contract";
import { GustoConnector } from "./gusto/connector";
import { HiBobConnector } from "./hibob/connector";
import { PostgresTableConnector } from "./postgres-table/connector";
import { RestConnector } from "./rest/connector";

/** The one place that knows every vendor: a new connector adds one line here. */
export function createConnector(config: ConnectionConfig, options: ConnectorOptions): Connector {
  switch (config.kind) {
    case "bamboohr":
      return new BambooHrConnector(config, options);
    case "gusto":
      return new GustoConnector(config, options);
    case "rest":
      return new RestConnector(config, options);
    case "postgres-table":
      return new PostgresTableConnector(config, options);
    case "hibob":
      return new HiBobConnector(config, options);
  }
}
