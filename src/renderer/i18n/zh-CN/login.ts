/** Cashier sign-in and the lock screen. */
export const login = {
  'login.title': '收银员登录',
  'login.cashier': '工号',
  'login.pin': '密码',
  'login.submit': '登录',
  'login.hint': '输入4位工号和密码，按 Enter 登录',
  'login.failed': '工号或密码错误',
  'login.cashierInvalid': '工号为4位数字',
  'login.pinInvalid': '密码为4至8位数字',
  'lock.title': '屏幕已锁定',
  'lock.who': '当前收银员：{name}（{no}）',
  'lock.pin': '密码',
  'lock.submit': '解锁',
  'lock.hint': '输入密码后按 Enter 解锁',
  'lock.failed': '密码错误',
} as const;
