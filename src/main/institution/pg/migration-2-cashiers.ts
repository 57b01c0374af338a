/**
 * Migration 2: the institution's cashiers, administered once for every window of a fixmedins_code.
 *
 * How a window may write them (the decision): a window's role has NO insert/update/delete on
 * pos.cashiers or pos.cashier_audit. It may only call pos.cashier_change(), a SECURITY DEFINER
 * function owned by the schema's owner, which
 *   - finds the calling window by session_user (inside a definer function current_user is the owner),
 *     so a window changes only its own institution's cashiers and the audit names the real terminal;
 *   - checks that the acting cashier is an active administrator of that institution (the window
 *     authenticated him against its cache; the server checks what he may do), except a cashier's own
 *     PIN change and the first administrator of an institution that has none;
 *   - refuses disabling or demoting the last active administrator, under a per-institution advisory
 *     lock so two windows doing it at once cannot both succeed;
 *   - gives every change a revision from one sequence (only grows) and appends the audit row in the
 *     same transaction.
 * A PIN never reaches PostgreSQL: the window hashes it (store/pin-hash.ts, scrypt$N$r$p$salt$hash)
 * and the same text is cached at every window. pos.cashier_audit is append-only (a trigger refuses
 * UPDATE and DELETE, even for the owner). Finance reads both, without the PIN hashes.
 * Lockout counters stay at each window (store/cashiers.ts): they change with every wrong PIN, which
 * must work while PostgreSQL is down.
 */
import type { PgMigration } from './schema.js';

export const pgMigration2Cashiers: PgMigration = {
  version: 2,
  sql: `
CREATE SEQUENCE pos.cashier_revision;

CREATE TABLE pos.cashiers (
  fixmedins_code text NOT NULL,
  no text NOT NULL CHECK (no ~ '^[0-9]{4}$'),
  name text NOT NULL CHECK (length(name) BETWEEN 1 AND 20),
  role text NOT NULL CHECK (role IN ('cashier', 'supervisor', 'administrator')),
  pin_hash text NOT NULL CHECK (pin_hash ~ '^scrypt\\$[0-9]+\\$[0-9]+\\$[0-9]+\\$[A-Za-z0-9+/=]+\\$[A-Za-z0-9+/=]+$'),
  active boolean NOT NULL DEFAULT true,
  -- kept as the text the window wrote: it is part of each window's integrity check of its cached row
  created_at text NOT NULL,
  revision bigint NOT NULL,
  changed_at timestamptz NOT NULL DEFAULT now(),
  changed_by text NOT NULL,
  changed_at_terminal text NOT NULL,
  PRIMARY KEY (fixmedins_code, no)
);
CREATE INDEX cashiers_by_revision ON pos.cashiers (fixmedins_code, revision);

CREATE TABLE pos.cashier_audit (
  id bigserial PRIMARY KEY,
  fixmedins_code text NOT NULL,
  at timestamptz NOT NULL DEFAULT now(),
  terminal_id text NOT NULL,
  actor text NOT NULL,
  action text NOT NULL,
  cashier_no text NOT NULL,
  revision bigint NOT NULL,
  detail jsonb NOT NULL DEFAULT '{}'
);
CREATE FUNCTION pos.cashier_audit_append_only() RETURNS trigger LANGUAGE plpgsql AS $f$
BEGIN RAISE EXCEPTION 'pos.cashier_audit is append-only'; END $f$;
CREATE TRIGGER cashier_audit_append_only BEFORE UPDATE OR DELETE ON pos.cashier_audit
  FOR EACH ROW EXECUTE FUNCTION pos.cashier_audit_append_only();

ALTER TABLE pos.cashiers ENABLE ROW LEVEL SECURITY;
ALTER TABLE pos.cashier_audit ENABLE ROW LEVEL SECURITY;
CREATE POLICY window_institution ON pos.cashiers FOR SELECT TO pos_window
  USING (fixmedins_code = (SELECT w.fixmedins_code FROM pos.windows w WHERE w.db_role = current_user));
CREATE POLICY finance_reads ON pos.cashiers FOR SELECT TO pos_finance USING (true);
CREATE POLICY finance_reads ON pos.cashier_audit FOR SELECT TO pos_finance USING (true);
GRANT SELECT ON pos.cashiers TO pos_window;
GRANT SELECT (fixmedins_code, no, name, role, active, created_at, revision, changed_at, changed_by, changed_at_terminal) ON pos.cashiers TO pos_finance;
GRANT SELECT ON pos.cashier_audit TO pos_finance;

-- errors a window maps to words: PSN01 not an administrator, PSN02 last administrator,
-- PSN03 exists already, PSN04 no such cashier, PSN05 not a registered window
CREATE FUNCTION pos.cashier_change(p_actor text, p_action text, p_no text, p_name text, p_role text, p_pin_hash text, p_active boolean, p_created_at text)
RETURNS bigint LANGUAGE plpgsql SECURITY DEFINER SET search_path = pos, pg_temp AS $f$
DECLARE
  v_term text;
  v_code text;
  v_rev bigint;
  v_old pos.cashiers%ROWTYPE;
  v_detail jsonb := '{}';
BEGIN
  SELECT terminal_id, fixmedins_code INTO v_term, v_code FROM pos.windows WHERE db_role = session_user;
  IF v_term IS NULL THEN RAISE EXCEPTION 'role % is not a registered window', session_user USING ERRCODE = 'PSN05'; END IF;
  PERFORM pg_advisory_xact_lock(hashtext('pos.cashiers/' || v_code));

  IF p_action = 'first_admin' THEN
    IF EXISTS (SELECT 1 FROM pos.cashiers WHERE fixmedins_code = v_code) THEN
      RAISE EXCEPTION 'the institution has cashiers already: the first administrator was created before' USING ERRCODE = 'PSN03';
    END IF;
  ELSIF p_action = 'change_own_pin' THEN
    IF p_actor IS DISTINCT FROM p_no OR NOT EXISTS (SELECT 1 FROM pos.cashiers WHERE fixmedins_code = v_code AND no = p_actor AND active) THEN
      RAISE EXCEPTION 'cashier % may change only his own PIN', p_actor USING ERRCODE = 'PSN01';
    END IF;
  ELSIF NOT EXISTS (SELECT 1 FROM pos.cashiers WHERE fixmedins_code = v_code AND no = p_actor AND active AND role = 'administrator') THEN
    RAISE EXCEPTION 'cashier % is not an active administrator of %', p_actor, v_code USING ERRCODE = 'PSN01';
  END IF;

  SELECT * INTO v_old FROM pos.cashiers WHERE fixmedins_code = v_code AND no = p_no FOR UPDATE;
  IF p_action IN ('first_admin', 'add') THEN
    IF FOUND THEN RAISE EXCEPTION 'cashier % exists already', p_no USING ERRCODE = 'PSN03'; END IF;
  ELSIF NOT FOUND THEN
    RAISE EXCEPTION 'no cashier %', p_no USING ERRCODE = 'PSN04';
  END IF;
  IF v_old.role = 'administrator' AND v_old.active
     AND ((p_action = 'set_active' AND NOT p_active) OR (p_action = 'set_role' AND p_role <> 'administrator'))
     AND NOT EXISTS (SELECT 1 FROM pos.cashiers WHERE fixmedins_code = v_code AND no <> p_no AND active AND role = 'administrator') THEN
    RAISE EXCEPTION 'the last administrator cannot be disabled or lose the role' USING ERRCODE = 'PSN02';
  END IF;

  v_rev := nextval('pos.cashier_revision');
  IF p_action IN ('first_admin', 'add') THEN
    INSERT INTO pos.cashiers (fixmedins_code, no, name, role, pin_hash, active, created_at, revision, changed_by, changed_at_terminal)
      VALUES (v_code, p_no, p_name, CASE WHEN p_action = 'first_admin' THEN 'administrator' ELSE p_role END, p_pin_hash, true, p_created_at, v_rev, p_actor, v_term);
    v_detail := jsonb_build_object('name', p_name, 'role', CASE WHEN p_action = 'first_admin' THEN 'administrator' ELSE p_role END);
  ELSIF p_action = 'set_active' THEN
    UPDATE pos.cashiers SET active = p_active, revision = v_rev, changed_at = now(), changed_by = p_actor, changed_at_terminal = v_term WHERE fixmedins_code = v_code AND no = p_no;
    v_detail := jsonb_build_object('active', p_active);
  ELSIF p_action = 'set_role' THEN
    UPDATE pos.cashiers SET role = p_role, revision = v_rev, changed_at = now(), changed_by = p_actor, changed_at_terminal = v_term WHERE fixmedins_code = v_code AND no = p_no;
    v_detail := jsonb_build_object('from', v_old.role, 'to', p_role);
  ELSIF p_action IN ('reset_pin', 'change_own_pin') THEN
    UPDATE pos.cashiers SET pin_hash = p_pin_hash, revision = v_rev, changed_at = now(), changed_by = p_actor, changed_at_terminal = v_term WHERE fixmedins_code = v_code AND no = p_no;
  ELSE
    RAISE EXCEPTION 'unknown cashier action %', p_action USING ERRCODE = '22023';
  END IF;
  INSERT INTO pos.cashier_audit (fixmedins_code, terminal_id, actor, action, cashier_no, revision, detail)
    VALUES (v_code, v_term, p_actor, p_action, p_no, v_rev, v_detail);
  RETURN v_rev;
END $f$;
REVOKE ALL ON FUNCTION pos.cashier_change(text, text, text, text, text, text, boolean, text) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION pos.cashier_change(text, text, text, text, text, text, boolean, text) TO pos_window;
`,
};
