/** What `pos` says when it is used wrongly: one text per command, and the whole list. */
export const CASHIER_USAGE = `  cashier list [--json] | init --no NO --name NAME | add --no NO --name NAME --role ROLE
          disable|enable|unlock|reset-pin --no NO | set-role --no NO --role ROLE     (PINs from stdin)`;

export const AUDIT_USAGE = `  audit verify [--expect "#ID HASH"] [--json] | audit head
                                    the audit hash chain: exit 0 intact, 3 broken`;

export const CHECK_CENTER_USAGE = '  check-center [--config FILE] [--person ID_NUMBER] [--operator NO] [--json]   check the way to the center, step by step';

export const INSTITUTION_USAGE = `  institution init --admin-url URL [--password-file F] [--tls MODE] [--ca FILE]   the institution database's schema
              add-window --admin-url URL --terminal ID --fixmedins CODE --role R --password-file F [--label L] [--admin-password-file F]
              add-finance --admin-url URL --role R --password-file F [--admin-password-file F] | status [--json]   this window's replication`;

export const USAGE = `usage: pos <status|sync|split|reconcile|export|handover|day|cashier|audit|catalog|check-center|institution> [options]
  status [--config FILE]            outbox depth, oldest pending, parked
  sync   [--config FILE]            send everything pending now
  split  [FILE] [--ndjson] [--policy FILE --region CODE]
  reconcile --date YYYY-MM-DD [--to YYYY-MM-DD] [--operator NO] [--no-sync] [--json]
                                    end of day with the center: exit 0 balanced, 3 not balanced, 1 failed
                                    (refused, exit 2, with an institution database: use --institution, and day)
  export --date YYYY-MM-DD [--to YYYY-MM-DD] --format csv|xlsx|pdf --out FILE [--operator NO]
  reconcile --institution --date YYYY-MM-DD [--to YYYY-MM-DD] [--operator NO] [--json]   every window of the institution (institution.finance)
  export --institution --date YYYY-MM-DD [--to YYYY-MM-DD] [--format csv|xlsx|pdf] [--out FILE]
  handover --cashier NNNN --date YYYY-MM-DD [--json] [--pdf FILE] [--record --counted YUAN [--note T] [--print]]
  day --date YYYY-MM-DD [--json] [--pdf FILE]   the window's day with an institution database (per cashier, hand-overs, backlog)
${CASHIER_USAGE}
${AUDIT_USAGE}
  catalog import FILE [--dry-run] [--effective ISO] | status | versions | rollback | download | upload-mappings
${CHECK_CENTER_USAGE}
${INSTITUTION_USAGE}`;
