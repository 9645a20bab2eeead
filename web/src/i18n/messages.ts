import type { Locale } from '@lastmeter/shared';

/**
 * The web's own strings. zh-CN is the source: its keys define `MessageKey`, and English must translate
 * every one of them (the compiler says which is missing). Placeholders are `{name}`. Error codes are not
 * here: they are translated from ERROR_MESSAGES in @lastmeter/shared.
 */
const zhCN = {
  'app.name': '最后一米 Last Meter',
  'app.skipToContent': '跳到主要内容',
  'app.loading': '加载中…',

  'nav.label': '主导航',
  'nav.home': '首页',

  'shell.user': '{name}（{role}）',
  'shell.logout': '退出登录',
  'shell.loggingOut': '正在退出…',

  'language.label': '语言',
  'language.zh-CN': '中文',
  'language.en': 'English',

  'realtime.label': '实时连接',
  'realtime.online': '在线',
  'realtime.connecting': '连接中',
  'realtime.offline': '离线',

  'role.admin': '管理员',
  'role.dispatcher': '调度员',
  'role.gatekeeper': '社区门管',
  'role.driver': '司机',
  'role.hospital': '医院接诊',

  'login.title': '登录',
  'login.intro': '为封控、管控小区里的透析、放化疗、孕产妇、新生儿等特殊就医人群打通就医的“最后一米”。',
  'login.username': '用户名',
  'login.password': '密码',
  'login.submit': '登录',
  'login.submitting': '正在登录…',
  'login.demoHint': '演示账号密码均为 lastmeter',
  'login.retryAfter': '请在 {seconds} 秒后再试。',

  'error.network': '无法连接服务器，请检查网络后重试',
  'error.unexpected': '出现意外错误，请刷新页面后重试',

  'form.required': '此项必填',
  'form.tooShort': '至少 {min} 个字符',
  'form.tooLong': '最多 {max} 个字符',

  'home.admin.title': '管理员工作台',
  'home.admin.description': '管理账号、医院、车辆和辖区。',
  'home.dispatcher.title': '调度工作台',
  'home.dispatcher.description': '查看就医需求、医院接诊能力和车辆，安排和调整行程，处理急症与突发情况。',
  'home.gatekeeper.title': '门管工作台',
  'home.gatekeeper.description': '登记本小区的特殊就医人员及其需求，按预约行程在小区门口确认“出”和“回”。',
  'home.driver.title': '司机工作台',
  'home.driver.description': '接收接送任务，逐步上报进度和位置，遇医院拒收时及时上报。',
  'home.hospital.title': '医院接诊工作台',
  'home.hospital.description': '查看预计到达的患者，确认到达，标记治疗结束以放行返程，发布接诊能力。',

  'scope.title': '工作范围',
  'scope.districts': '负责的辖区',
  'scope.noDistricts': '尚未分配辖区，请联系管理员。',
  'scope.compounds': '负责的小区',
  'scope.noCompounds': '尚未分配小区，请联系管理员。',
  'scope.hospital': '所属医院',
  'scope.noHospital': '尚未关联医院，请联系管理员。',
  'scope.vehicle': '驾驶的车辆',
  'scope.noVehicle': '尚未分配车辆，请联系调度员。',
  'scope.count': '共 {count} 个',
  'scope.admin': '管理员可管理全部辖区、医院、车辆和账号。',

  'session.title': '当前登录',
  'session.account': '账号',
  'session.role': '角色',
  'session.expiresAt': '登录有效期至',
  'session.idle': '闲置超时',
  'session.idleMinutes': '{minutes} 分钟无操作后自动退出',

  'notFound.title': '页面不存在',
  'forbidden.title': '无权访问此页面',
  'forbidden.body': '此页面仅供{role}使用。',
  'routeError.title': '页面出错了',
  'routeError.reload': '重新加载',
  'page.backHome': '返回首页',
} as const;

export type MessageKey = keyof typeof zhCN;

const en: Record<MessageKey, string> = {
  'app.name': '最后一米 Last Meter',
  'app.skipToContent': 'Skip to main content',
  'app.loading': 'Loading…',

  'nav.label': 'Main navigation',
  'nav.home': 'Home',

  'shell.user': '{name} ({role})',
  'shell.logout': 'Sign out',
  'shell.loggingOut': 'Signing out…',

  'language.label': 'Language',
  'language.zh-CN': '中文',
  'language.en': 'English',

  'realtime.label': 'Live connection',
  'realtime.online': 'Online',
  'realtime.connecting': 'Connecting',
  'realtime.offline': 'Offline',

  'role.admin': 'Administrator',
  'role.dispatcher': 'Dispatcher',
  'role.gatekeeper': 'Gatekeeper',
  'role.driver': 'Driver',
  'role.hospital': 'Hospital intake',

  'login.title': 'Sign in',
  'login.intro':
    'Closing the “last meter” to hospital for dialysis, cancer, pregnancy and newborn patients in locked-down compounds.',
  'login.username': 'Username',
  'login.password': 'Password',
  'login.submit': 'Sign in',
  'login.submitting': 'Signing in…',
  'login.demoHint': 'Demo accounts all use the password lastmeter',
  'login.retryAfter': 'Try again in {seconds} seconds.',

  'error.network': 'Cannot reach the server. Check the connection and try again.',
  'error.unexpected': 'Something went wrong. Reload the page and try again.',

  'form.required': 'This field is required',
  'form.tooShort': 'At least {min} characters',
  'form.tooLong': 'At most {max} characters',

  'home.admin.title': 'Administration',
  'home.admin.description': 'Manage accounts, hospitals, vehicles and districts.',
  'home.dispatcher.title': 'Dispatch',
  'home.dispatcher.description':
    'See demand, hospital capacity and vehicles; plan and adjust trips; handle emergencies and incidents.',
  'home.gatekeeper.title': 'Gatekeeper',
  'home.gatekeeper.description':
    'Register the special-needs patients of your compounds and confirm “out” and “back” at the gate against booked trips.',
  'home.driver.title': 'Driver',
  'home.driver.description':
    'Receive pickup and return jobs, report each step and your position, and report refusal at a hospital gate.',
  'home.hospital.title': 'Hospital intake',
  'home.hospital.description':
    'See expected arrivals, confirm arrival, mark treatment finished to release the return trip, publish capacity.',

  'scope.title': 'Your scope',
  'scope.districts': 'Your districts',
  'scope.noDistricts': 'No district assigned yet. Ask an administrator.',
  'scope.compounds': 'Your compounds',
  'scope.noCompounds': 'No compound assigned yet. Ask an administrator.',
  'scope.hospital': 'Your hospital',
  'scope.noHospital': 'Not linked to a hospital yet. Ask an administrator.',
  'scope.vehicle': 'Your vehicle',
  'scope.noVehicle': 'No vehicle assigned yet. Ask a dispatcher.',
  'scope.count': '{count} in total',
  'scope.admin': 'Administrators manage all districts, hospitals, vehicles and accounts.',

  'session.title': 'Your session',
  'session.account': 'Account',
  'session.role': 'Role',
  'session.expiresAt': 'Signed in until',
  'session.idle': 'Idle timeout',
  'session.idleMinutes': 'Signs out after {minutes} minutes without activity',

  'notFound.title': 'Page not found',
  'forbidden.title': 'You cannot open this page',
  'forbidden.body': 'This page is for the {role} role.',
  'routeError.title': 'This page failed to load',
  'routeError.reload': 'Reload',
  'page.backHome': 'Back to home',
};

export const MESSAGES: Record<Locale, Record<MessageKey, string>> = { 'zh-CN': zhCN, en };

export type MessageParams = Record<string, string | number>;

export function translate(locale: Locale, key: MessageKey, params?: MessageParams): string {
  const template = MESSAGES[locale][key];
  if (!params) return template;
  return template.replace(/\{(\w+)\}/g, (match, name: string) => String(params[name] ?? match));
}
