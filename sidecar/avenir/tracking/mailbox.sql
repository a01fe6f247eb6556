-- The mailbox reader's statements (avenir.tracking.mailbox), on a service_role connection.

-- name: record_report
select public.record_bounce_report(%(report)s) as answer

-- name: record_reply
select public.record_outreach_reply(%(message_id)s, %(in_reply_to)s, %(refs)s, %(thread_id)s, %(sender)s,
                                    %(received_at)s, %(body)s) as answer
