/** The moderation rules that need no Strapi: import them from here. */
export {
  CLOCK_SKEW_MS,
  MODERATION_STATUSES,
  decide,
  isModerationStatus,
  isPubliclyVisible,
  windowStart,
  type DecideInput,
  type Decision,
  type DecisionAction,
  type DecisionRule,
  type FileModerationState,
  type ModerationStatus,
  type Report,
  type RuleSettings,
} from './decide';
export { InvalidIpError, accountKey, addressKey, canonicalIp, networkKey, reporterKey, type ReporterIdentity } from './reporter-key';
export {
  DEFAULT_SETTINGS,
  MAX_LABEL_LENGTH,
  MAX_REASONS,
  REASON_CODE,
  validateRules,
  validateSettings,
  type ModerationSettings,
  type RuleAndRateSettings,
  type Validation,
  type ValidationIssue,
} from './settings';
export {
  DEFAULT_LOCALE,
  DEFAULT_REASONS,
  LOCALES,
  localizedReasons,
  reasonLabel,
  resolveLocale,
  type Locale,
  type ReportReason,
} from './reasons';
export { MAX_COMMENT_LENGTH, parseReportInput, type FileRef, type ReportInput } from './report-input';
export * from './fingerprint';
