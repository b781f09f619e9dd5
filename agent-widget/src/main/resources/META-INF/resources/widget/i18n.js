// Every string the widget shows, one table per language. Add a language by adding a table.

export const STRINGS = {
  en: {
    needHelp: 'Need help',
    shortcutHint: 'or press {shortcut}',
    sending: 'Asking for help…',
    sendingOffline: 'Your request is kept and will be sent when the connection is back',
    waiting: 'Waiting for a specialist',
    waited: 'Waited {time}',
    position: 'You are number {n} in line',
    next: 'You are next in line',
    estimate: 'About {time}',
    offered: 'A specialist is being asked now',
    claimed: '{name} is on the way',
    claimedSeat: '{name} is on the way — seat {seat}',
    arrived: '{name} is with you',
    resolved: 'Answered by {name}',
    resolvedNoName: 'Answered',
    cancelled: 'Request withdrawn',
    expired: 'Nobody was free in time; please ask again',
    cancel: 'Cancel',
    addDetails: 'Add details (optional)',
    topic: 'Topic',
    topic_billing: 'Billing',
    topic_technical: 'Technical',
    topic_policy: 'Policy',
    urgent: 'Urgent',
    note: 'Short note',
    notePlaceholder: 'What is the customer asking?',
    save: 'Save',
    saved: 'Saved',
    chat: 'Chat with {name}',
    chatPlaceholder: 'Type a message',
    send: 'Send',
    you: 'You',
    rateTitle: 'How good was the answer?',
    rate: 'Rate {n}',
    wrong: 'The answer was wrong',
    comment: 'Comment (optional)',
    sendComment: 'Send comment',
    thanks: 'Thanks for rating',
    later: 'Rate later',
    today: 'Today ({n})',
    rated: 'Rated',
    rateNow: 'Rate',
    flag: 'Turned out wrong',
    flagged: 'Flagged as wrong',
    flagReason: 'What was wrong? (optional)',
    signIn: 'Sign in to Handup',
    username: 'User name',
    password: 'Password',
    signInButton: 'Sign in',
    signInFailed: 'Wrong user name or password',
    signOut: 'Sign out',
    conn_online: 'Connected',
    conn_connecting: 'Connecting…',
    conn_offline: 'Connection lost — retrying in {s} s',
    conn_expired: 'Your session has ended; sign in again',
    state_QUEUED: 'Waiting',
    state_OFFERED: 'Offered',
    state_CLAIMED: 'On the way',
    state_RESOLVED: 'Answered',
    state_CANCELLED: 'Withdrawn',
    state_EXPIRED: 'Expired',
    error: 'Something went wrong: {message}',
    minutes: '{m} min',
    seconds: '{s} s',
  },
  'zh-CN': {
    needHelp: '求助',
    shortcutHint: '或按 {shortcut}',
    sending: '正在求助…',
    sendingOffline: '求助已保存，连接恢复后自动发送',
    waiting: '正在等待支持专员',
    waited: '已等待 {time}',
    position: '您前面还有 {before} 人（第 {n} 位）',
    next: '下一个就是您',
    estimate: '预计 {time}',
    offered: '正在通知支持专员',
    claimed: '{name} 正在赶来',
    claimedSeat: '{name} 正在赶来 — 座位 {seat}',
    arrived: '{name} 已在为您服务',
    resolved: '{name} 已解答',
    resolvedNoName: '已解答',
    cancelled: '求助已撤回',
    expired: '暂时无人接手，请重新求助',
    cancel: '撤回',
    addDetails: '补充信息（可选）',
    topic: '主题',
    topic_billing: '账单',
    topic_technical: '技术',
    topic_policy: '政策',
    urgent: '紧急',
    note: '简短说明',
    notePlaceholder: '客户在问什么？',
    save: '保存',
    saved: '已保存',
    chat: '与 {name} 对话',
    chatPlaceholder: '输入消息',
    send: '发送',
    you: '我',
    rateTitle: '这次解答如何？',
    rate: '评分 {n}',
    wrong: '解答是错误的',
    comment: '备注（可选）',
    sendComment: '提交备注',
    thanks: '感谢评分',
    later: '稍后评分',
    today: '今天（{n}）',
    rated: '已评分',
    rateNow: '评分',
    flag: '后来发现有误',
    flagged: '已标记为错误',
    flagReason: '哪里错了？（可选）',
    signIn: '登录 Handup',
    username: '用户名',
    password: '密码',
    signInButton: '登录',
    signInFailed: '用户名或密码错误',
    signOut: '退出',
    conn_online: '已连接',
    conn_connecting: '正在连接…',
    conn_offline: '连接中断 — {s} 秒后重试',
    conn_expired: '登录已过期，请重新登录',
    state_QUEUED: '等待中',
    state_OFFERED: '通知中',
    state_CLAIMED: '赶来中',
    state_RESOLVED: '已解答',
    state_CANCELLED: '已撤回',
    state_EXPIRED: '已过期',
    error: '出错了：{message}',
    minutes: '{m} 分钟',
    seconds: '{s} 秒',
  },
};

/** The language to show: the lang attribute if we have it, else the browser's first we have. */
export function pickLanguage(attribute, browserLanguages = []) {
  for (const wanted of [attribute, ...browserLanguages]) {
    const found = match(wanted);
    if (found) return found;
  }
  return 'en';
}

function match(tag) {
  if (!tag) return null;
  const lower = String(tag).toLowerCase();
  const exact = Object.keys(STRINGS).find((l) => l.toLowerCase() === lower);
  if (exact) return exact;
  // zh, zh-Hans, zh-SG all read simplified Chinese; en-GB reads English
  if (lower === 'zh' || lower.startsWith('zh-hans') || lower === 'zh-sg') return 'zh-CN';
  const base = lower.split('-')[0];
  return Object.keys(STRINGS).find((l) => l.toLowerCase() === base) ?? null;
}

/** A string with its {placeholders} filled; a missing key falls back to English, then the key. */
export function translate(lang, key, params = {}) {
  const template = STRINGS[lang]?.[key] ?? STRINGS.en[key] ?? key;
  return template.replace(/\{(\w+)\}/g, (_, name) => (name in params ? String(params[name]) : `{${name}}`));
}

/** A wait as the agent reads it at a glance: 0:42, 3:05, 1:02:00. */
export function clock(seconds) {
  const s = Math.max(0, Math.floor(seconds));
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const rest = String(s % 60).padStart(2, '0');
  return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${rest}` : `${m}:${rest}`;
}

/** An estimate, rounded the way people say it: "40 s", "3 min". */
export function roughly(lang, seconds) {
  if (seconds < 60) return translate(lang, 'seconds', { s: Math.max(5, Math.round(seconds / 5) * 5) });
  return translate(lang, 'minutes', { m: Math.round(seconds / 60) });
}
