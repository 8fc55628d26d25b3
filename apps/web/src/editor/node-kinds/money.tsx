"use client";
import { MONEY_FORMATS, moneyFormatKind } from "@tandem/mapping";
import { Select } from "../inspector/controls";
import { defineTransformKind } from "./define-kind";
import type { KindInspectorProps } from "./node-kind";

const CURRENCIES = [
  "USD",
  "EUR",
  "GBP",
  "CAD",
  "AUD",
  "NZD",
  "CHF",
  "JPY",
  "SEK",
  "NOK",
  "DKK",
  "INR",
  "MXN",
  "BRL",
  "ZAR",
  "SGD",
  "HKD",
];
const MONEY_FORMAT_LABELS: Record<(typeof MONEY_FORMATS)[number], string> = {
  minor: "Minor units (integer cents: 5000000)",
  "decimal-string": 'Decimal text ("50000.00")',
  "decimal-number": "Decimal number (50000)",
  "decimal-with-code": 'Decimal with currency ("50000.00 USD")',
};

function MoneyInspector({ node, onChange }: KindInspectorProps<"money">) {
  return (
    <>
      <Select
        label="From format"
        value={node.data.from}
        options={MONEY_FORMATS}
        labels={MONEY_FORMAT_LABELS}
        onChange={(from) => onChange({ ...node.data, from })}
      />
      <Select
        label="To format"
        value={node.data.to}
        options={MONEY_FORMATS}
        labels={MONEY_FORMAT_LABELS}
        onChange={(to) => onChange({ ...node.data, to })}
      />
      <Select
        label="Currency"
        value={node.data.currency}
        options={CURRENCIES}
        onChange={(currency) => onChange({ ...node.data, currency })}
      />
    </>
  );
}

export const money = defineTransformKind({
  kind: "money",
  name: "Money",
  palette: { group: "Transforms", hint: "Minor units ⇄ decimal, with currency" },
  defaultData: { from: "decimal-string", to: "minor", currency: "USD" },
  summary: (data) => `${data.from} → ${data.to} · ${data.currency}`,
  Inspector: MoneyInspector,
  outputKind: (data) => moneyFormatKind(data.to),
  inputKind: (data) => moneyFormatKind(data.from),
});
