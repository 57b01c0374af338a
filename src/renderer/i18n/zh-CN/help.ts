/** The function keys: the legend and F1 help. */
export const help = {
  'key.F1': '帮助',
  'key.F2': '下一位',
  'key.F3': '身份证号',
  'key.F4': '搜索项目',
  'key.F5': '药店/门诊',
  'key.F6': '今日结算',
  'key.F7': '共济选择',
  'key.F8': '冲销',
  'key.F9': '确认结算',
  'key.F10': '锁屏',
  'key.F12': '开发者',
  'key.Escape': '关闭',
  'help.title': '快捷键',
  'help.digits': '数字键 1–9 / 0：选择共济授权人 / 不使用（光标不在输入框时）',
  'help.arrows': '↑ ↓：在搜索结果或今日结算中移动',
} as const;
