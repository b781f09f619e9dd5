// Every string, one column per language, so a translation cannot fall behind unnoticed.
// Add a language by adding it to LANGUAGES and a column to TEXT.

export const LANGUAGES = ['en', 'zh-CN'];

export const TEXT = {
	needHelp: ['Need help', '求助'],
	shortcutHint: ['or press {shortcut}', '或按 {shortcut}'],
	sending: ['Asking for help…', '正在求助…'],
	sendingOffline: ['Your request is kept and will be sent when the connection is back', '求助已保存，连接恢复后自动发送'],
	waiting: ['Waiting for a specialist', '正在等待支持专员'],
	waited: ['Waited {time}', '已等待 {time}'],
	position: ['You are number {n} in line', '您前面还有 {before} 人（第 {n} 位）'],
	next: ['You are next in line', '下一个就是您'],
	estimate: ['About {time}', '预计 {time}'],
	offered: ['A specialist is being asked now', '正在通知支持专员'],
	claimed: ['{name} is on the way', '{name} 正在赶来'],
	claimedSeat: ['{name} is on the way — seat {seat}', '{name} 正在赶来 — 座位 {seat}'],
	arrived: ['{name} is with you', '{name} 已在为您服务'],
	resolved: ['Answered by {name}', '{name} 已解答'],
	resolvedNoName: ['Answered', '已解答'],
	cancel: ['Cancel', '撤回'],
	addDetails: ['Add details (optional)', '补充信息（可选）'],
	topic: ['Topic', '主题'],
	topic_billing: ['Billing', '账单'],
	topic_technical: ['Technical', '技术'],
	topic_policy: ['Policy', '政策'],
	urgent: ['Urgent', '紧急'],
	note: ['Short note', '简短说明'],
	notePlaceholder: ['What is the customer asking?', '客户在问什么？'],
	save: ['Save', '保存'],
	saved: ['Saved', '已保存'],
	chat: ['Chat with {name}', '与 {name} 对话'],
	chatPlaceholder: ['Type a message', '输入消息'],
	send: ['Send', '发送'],
	you: ['You', '我'],
	rateTitle: ['How good was the answer?', '这次解答如何？'],
	rate: ['Rate {n}', '评分 {n}'],
	wrong: ['The answer was wrong', '解答是错误的'],
	comment: ['Comment (optional)', '备注（可选）'],
	thanks: ['Thanks for rating', '感谢评分'],
	later: ['Rate later', '稍后评分'],
	today: ['Today ({n})', '今天（{n}）'],
	rated: ['Rated', '已评分'],
	rateNow: ['Rate', '评分'],
	flag: ['Turned out wrong', '后来发现有误'],
	flagged: ['Flagged as wrong', '已标记为错误'],
	flagReason: ['What was wrong? (optional)', '哪里错了？（可选）'],
	flagSend: ['Send flag', '提交标记'],
	signIn: ['Sign in to Handup', '登录 Handup'],
	username: ['User name', '用户名'],
	password: ['Password', '密码'],
	signInButton: ['Sign in', '登录'],
	signInFailed: ['Wrong user name or password', '用户名或密码错误'],
	signOut: ['Sign out', '退出'],
	conn_online: ['Connected', '已连接'],
	conn_connecting: ['Connecting…', '正在连接…'],
	conn_offline: ['Connection lost — retrying in {s} s', '连接中断 — {s} 秒后重试'],
	conn_expired: ['Your session has ended; sign in again', '登录已过期，请重新登录'],
	state_QUEUED: ['Waiting', '等待中'],
	state_OFFERED: ['Offered', '通知中'],
	state_CLAIMED: ['On the way', '赶来中'],
	state_RESOLVED: ['Answered', '已解答'],
	state_CANCELLED: ['Withdrawn', '已撤回'],
	state_EXPIRED: ['Expired', '已过期'],
	error: ['Something went wrong: {message}', '出错了：{message}'],
	minutes: ['{m} min', '{m} 分钟'],
	seconds: ['{s} s', '{s} 秒'],
};


/** The lang attribute if we have it, else the browser's first language we have. */
export function pickLanguage(attribute, browserLanguages = []) {
	for (const wanted of [attribute, ...browserLanguages]) {
		const found = match(wanted);
		if (found) return found;
	}
	return 'en';
}

function match(tag) {
	const lower = String(tag ?? '').toLowerCase();
	const find = (want) => LANGUAGES.find((l) => l.toLowerCase() === want);
	// zh, zh-Hans, zh-SG all read simplified Chinese; en-GB reads English
	if (/^zh(-hans.*|-sg)?$/.test(lower)) return 'zh-CN';
	return lower ? find(lower) ?? find(lower.split('-')[0]) ?? null : null;
}

/** {placeholders} filled; a missing key falls back to English, then to the key. */
export function translate(lang, key, params = {}, table = TEXT) {
	const template = table[key]?.[LANGUAGES.indexOf(lang)] ?? table[key]?.[0] ?? key;
	return template.replace(/\{(\w+)\}/g, (all, name) => (name in params ? String(params[name]) : all));
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
