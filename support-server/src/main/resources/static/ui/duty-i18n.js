// The duty roster section's strings in English and Simplified Chinese, kept with the section
// (ui/duty.js) so the admin page and the dashboard show one wording. No DOM here, so node's test
// runner checks it as it is.
export const DUTY_TEXT = {
  en: {
    title: 'Duty roster',
    note: 'A specialist with shifts is offered requests only during them. One without any is on duty as the server is set (handup.duty.unrostered-on-duty).',
    floor: 'Floor',
    from: 'From',
    to: 'To',
    show: 'Show',
    add: 'Add a shift',
    addButton: 'Add',
    specialist: 'Specialist',
    start: 'Starts',
    end: 'Ends',
    now: 'Now',
    shifts: 'Shifts',
    onDuty: 'On duty',
    offDuty: 'Off duty',
    unrostered: 'no shifts',
    remove: 'Remove this shift',
    added: 'Shift added.',
    removed: 'Shift removed.',
    importNote: 'CSV: specialistId,start,end (times such as 2025-03-01T09:00 in the floor\'s zone, or with Z). All or nothing.',
    import: 'Import',
    imported: 'Imported {imported} shift(s).',
    rejected: 'Nothing was imported: {message}',
    lineProblem: 'Line {line} ({id}): {reason}.',
    failed: 'Could not do that: {message}',
  },
  'zh-CN': {
    title: '值班表',
    note: '有班次的支援专员只在班次内接到分派。没有任何班次的专员是否在值班，取决于服务器设置（handup.duty.unrostered-on-duty）。',
    floor: '楼层',
    from: '从',
    to: '到',
    show: '显示',
    add: '添加班次',
    addButton: '添加',
    specialist: '支援专员',
    start: '开始',
    end: '结束',
    now: '当前',
    shifts: '班次',
    onDuty: '值班中',
    offDuty: '未值班',
    unrostered: '无班次',
    remove: '删除此班次',
    added: '班次已添加。',
    removed: '班次已删除。',
    importNote: 'CSV：specialistId,start,end（时间如 2025-03-01T09:00，按楼层时区；或带 Z 的 UTC 时间）。全部导入或全部不导入。',
    import: '导入',
    imported: '已导入 {imported} 个班次。',
    rejected: '未导入任何内容：{message}',
    lineProblem: '第 {line} 行（{id}）：{reason}。',
    failed: '操作失败：{message}',
  },
};

/** A translator for one language; unknown keys fall back to English, then to the key itself. */
export function dutyTranslator(lang) {
  const strings = DUTY_TEXT[lang] || DUTY_TEXT.en;
  return (key, params = {}) => {
    const template = strings[key] ?? DUTY_TEXT.en[key] ?? key;
    return template.replace(/\{(\w+)\}/g, (whole, name) =>
      params[name] === undefined || params[name] === null ? whole : String(params[name]));
  };
}

/** The last day of a week shown from {@code today} (YYYY-MM-DD): today and the six days after. */
export function weekEnd(today) {
  const day = new Date(`${today}T00:00:00Z`);
  day.setUTCDate(day.getUTCDate() + 6);
  return day.toISOString().slice(0, 10);
}
