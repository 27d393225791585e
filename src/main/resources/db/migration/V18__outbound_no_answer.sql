-- An outbound call the other party never answered is 'no_answer', not 'missed': nobody at the agency missed it.
-- Decided in the derived column, from the call's direction, whichever of its events brought the direction or the
-- provider's "missed": connectors keep stating what the provider says. Analytics keep counting it as unanswered.
alter table call drop column outcome;
alter table call add column outcome text generated always as (
    case
        when direction = 'outbound' and coalesce(outcome_stated,
                 case when state_rank >= 3 then case when answered_at is not null then 'answered' else 'missed' end end)
             = 'missed' then 'no_answer'
        else coalesce(outcome_stated,
                 case when state_rank >= 3 then case when answered_at is not null then 'answered' else 'missed' end end)
    end) stored;

update call_fact set outcome = 'no_answer' where outcome = 'missed' and direction = 'outbound';
comment on column call_fact.outcome is 'answered, voicemail, missed, no_answer (outbound), rejected, busy, cancelled, failed; null while live';
