export { computeIndicators, type IndicatorOptions } from './compute-indicators.js';
export type { SovereigntyIndicators, PersonalDataFlow, SensitiveViolation, IndicatorAlarm } from './types.js';
export type { Ratio } from './ratio.js';
export {
  herfindahlHirschmanIndex,
  concentrationLevel,
  HIGHLY_CONCENTRATED_HHI,
  MODERATELY_CONCENTRATED_HHI,
  type Concentration,
  type ConcentrationLevel,
  type ConcentrationShare,
} from './concentration.js';
export { renderIndicatorsText } from './render-indicators.js';
export { indicatorGauges } from './indicator-gauges.js';
export { IndicatorTally } from './indicator-tally.js';
