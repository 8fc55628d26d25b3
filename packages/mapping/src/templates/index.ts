import type { MappingDocumentInput } from "../document-schema";
import { bambooHrGustoTemplate } from "./bamboohr-gusto";
import { hrisBenefitDeductionsTemplate } from "./hris-benefit-deductions";

export { bambooHrGustoTemplate, hrisBenefitDeductionsTemplate };

/** The starting points the editor offers, by id. */
export const MAPPING_TEMPLATES: readonly MappingDocumentInput[] = [
  bambooHrGustoTemplate,
  hrisBenefitDeductionsTemplate,
];
