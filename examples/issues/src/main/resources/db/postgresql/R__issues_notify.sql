-- Changes made outside the app (psql, another service, a migration) reach the open tabs: every node LISTENs on
-- issues_changed_<schema> (dev.honostar.outside.PgNotifications). The app's own connections (application_name
-- honostar-issues) publish through the outbox instead, so their changes are not announced twice.
create or replace function issues_notify() returns trigger language plpgsql as $$
declare
  channel text := 'issues_changed_' || tg_table_schema;
  tx text := txid_current()::text;
begin
  if coalesce(current_setting('application_name', true), '') <> 'honostar-issues' then
    perform pg_notify(channel, json_build_object('topic', 'issues', 'name', 'issue-' || lower(tg_op),
      'id', tx || '-issues-' || new.id, 'payload', json_build_object('id', new.id))::text);
    perform pg_notify(channel, json_build_object('topic', 'issue:' || new.id, 'name', 'issue-' || lower(tg_op),
      'id', tx || '-issue-' || new.id, 'payload', json_build_object('id', new.id))::text);
  end if;
  return new;
end $$;

drop trigger if exists issues_notify on issues;
create trigger issues_notify after insert or update on issues for each row execute function issues_notify();
