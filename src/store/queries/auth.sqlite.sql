-- signInChecks.hold (account, then address; sweep)
delete from "sign_in_checks" where "id" in (select "id" from "sign_in_checks" where "started_at" <= ? order by "started_at" limit ?);

-- signInChecks.recent
select "address", "started_at" from "sign_in_checks" where "account" = ? and "started_at" > ? order by "started_at";
select "started_at" from "sign_in_checks" where "address" = ? and "started_at" > ? order by "started_at";

-- signInChecks.record
insert into "sign_in_checks" ("id", "account", "address", "started_at") values (?, ?, ?, ?);

-- signInChecks.clear
delete from "sign_in_checks" where "account" = ? and "address" = ?;
