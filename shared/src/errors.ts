/**
 * The one error vocabulary (CODE_STYLE.md 8): a closed set of stable codes, one status map for HTTP and
 * socket acks, and the messages the web shows in zh-CN and English.
 */
export const ERROR_CODES = [
  'validation_failed',
  'malformed_json',
  'payload_too_large',
  'unsupported_media_type',
  'unauthenticated',
  'invalid_credentials',
  'session_expired',
  'password_change_required',
  'forbidden',
  'not_found',
  'conflict',
  'duplicate_patient',
  'booking_conflict',
  'invalid_transition',
  'plan_outdated',
  'schedule_rule',
  'step_not_open',
  'too_many_requests',
  'unavailable',
  'internal',
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

export const ERROR_STATUS: Record<ErrorCode, number> = {
  validation_failed: 400,
  malformed_json: 400,
  payload_too_large: 413,
  unsupported_media_type: 415,
  unauthenticated: 401,
  invalid_credentials: 401,
  session_expired: 401,
  password_change_required: 403,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  duplicate_patient: 409,
  booking_conflict: 409,
  invalid_transition: 409,
  plan_outdated: 409,
  schedule_rule: 409,
  step_not_open: 409,
  too_many_requests: 429,
  unavailable: 503,
  internal: 500,
};

export type Locale = 'zh-CN' | 'en';

export const ERROR_MESSAGES: Record<ErrorCode, Record<Locale, string>> = {
  validation_failed: { 'zh-CN': '提交的内容有误，请检查标出的字段', en: 'Some fields are invalid' },
  malformed_json: { 'zh-CN': '请求内容不是有效的 JSON', en: 'The request body is not valid JSON' },
  payload_too_large: { 'zh-CN': '提交的内容过大', en: 'The request body is too large' },
  unsupported_media_type: { 'zh-CN': '不支持的内容类型', en: 'Unsupported content type' },
  unauthenticated: { 'zh-CN': '请先登录', en: 'Please sign in' },
  invalid_credentials: { 'zh-CN': '用户名或密码错误', en: 'Wrong username or password' },
  session_expired: {
    'zh-CN': '登录已过期，请重新登录',
    en: 'Your session has expired, please sign in again',
  },
  password_change_required: {
    'zh-CN': '密码已被管理员重置，请先设置新密码',
    en: 'Your password was reset; choose a new one first',
  },
  forbidden: { 'zh-CN': '没有权限执行此操作', en: 'You are not allowed to do this' },
  not_found: { 'zh-CN': '找不到该记录', en: 'Not found' },
  conflict: { 'zh-CN': '与现有记录冲突', en: 'Conflicts with an existing record' },
  duplicate_patient: {
    'zh-CN': '该身份证号已登记',
    en: 'A patient with this national ID is already registered',
  },
  booking_conflict: {
    'zh-CN': '时间冲突：车辆、司机或患者在该时段已有安排',
    en: 'Time clash: the vehicle, driver or patient is already booked then',
  },
  invalid_transition: {
    'zh-CN': '当前状态下不能执行此步骤',
    en: 'This step is not allowed in the current state',
  },
  plan_outdated: {
    'zh-CN': '排班期间行程或车辆已有变动，未作任何更改；请重新排班',
    en: 'Trips or vehicles changed while the plan was computed; nothing was changed, plan again',
  },
  schedule_rule: {
    'zh-CN': '该调整违反车辆排班规则，未作任何更改',
    en: 'This change breaks a vehicle scheduling rule; nothing was changed',
  },
  step_not_open: {
    'zh-CN': '现在还不能执行此步骤',
    en: 'This step is not open yet',
  },
  too_many_requests: { 'zh-CN': '尝试次数过多，请稍后再试', en: 'Too many attempts, please try again later' },
  unavailable: {
    'zh-CN': '服务器繁忙或正在重启，请稍后重试',
    en: 'The server is busy or restarting; please try again shortly',
  },
  internal: { 'zh-CN': '服务器内部错误', en: 'Internal server error' },
};

/** One field problem: a JSON path into the input and a message (the field is always named). */
export interface FieldIssue {
  path: string;
  message: string;
  /** zod's issue code, or one of ours (`FIELD_MESSAGES` in field-messages.ts) for our own checks. */
  code?: string;
  /** The placeholders of a coded message, for clients that translate by code. */
  params?: Record<string, string | number>;
}

/** The wire shape of every error (RFC 9457 problem details plus our stable code). */
export interface Problem {
  type: string;
  title: string;
  status: number;
  code: ErrorCode;
  detail?: string;
  issues?: FieldIssue[];
  [extra: string]: unknown;
}
