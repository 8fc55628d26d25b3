import type { MappingDocumentInput } from "../document-schema";
import { bambooHrGustoTemplate } from "./bamboohr-gusto";
import { hrisBenefitDeductionsTemplate } from "./hris-benefit-deductions";

export { bambooHrGustoTemplate, hrisBenefitDeductionsTemplate };
/** For mappings written in code (tests, fixtures) the way the templates are. */
export { field as sideField, templateDocument } from "./template-layout";

/** The starting points the editor offers, by id. */
export const MAPPING_TEMPLATES: readonly MappingDocumentInput[] = [
  bambooHrGustoTemplate,
  hrisBenefitDeductionsTemplate,
];
