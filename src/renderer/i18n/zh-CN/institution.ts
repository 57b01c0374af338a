/** The institution database (机构库): replication to the hospital's PostgreSQL, in the status bar. */
export const institution = {
  'institution.synced': '机构库 已同步',
  'institution.behind': '机构库 未同步 {n}',
  'institution.down': '机构库 连不上 · 未同步 {n}',
  'institution.refused': '机构库 拒绝写入 · 未同步 {n}',
  'institution.lastOk': '上次同步：{at}',
  'institution.never': '尚未同步',
  'institution.refusedHint': '请机构库管理员处理：{reason}',
};
