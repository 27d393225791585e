-- Issue 12, item 4: a sync's last_error is read by the organization's agents and admins, so it holds a phrase of
-- the fixed vocabulary (ams/AmsFailureReason) only. Rows written before carried up to 300 characters of whatever
-- the AMS URL answered, or an exception message: each becomes the phrase for what it recorded.
update ams_sync set last_error = case
        when last_error ~ '^(gave up after \d+ attempts: )?AMS360 (refused|rejected)' then 'AMS rejected the request'
        when last_error ~ 'HTTP 40[13]|token refused|refused the hub''s' then 'AMS refused the credentials'
        when last_error ~ 'HTTP 429' then 'AMS is rate-limiting (HTTP 429)'
        when last_error ~ '^(gave up after \d+ attempts: )?circuit open' then 'circuit open: the AMS failed too often'
        when last_error ~ 'no AMS connection' then 'no AMS connection'
        when last_error ~ 'no longer exists' then 'the call or SMS no longer exists'
        when last_error ~ 'unreachable' then 'AMS unreachable'
        when last_error ~ 'HTTP 4\d\d' then 'AMS rejected the request'
        when last_error ~ 'HTTP 5\d\d' then 'AMS answered with an error'
        else 'AMS answered an unexpected response'
    end
where last_error is not null;
