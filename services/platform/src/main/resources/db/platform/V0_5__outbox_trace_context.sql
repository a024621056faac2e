-- The W3C trace context of the change that wrote the event (traceparent and tracestate of the span current in
-- Outbox.append; null where there was none). The relay publishes the event in that trace and sends it as the
-- record's traceparent/tracestate headers, so the consumer's span joins the trace of the request that caused
-- the event, however late the event goes out.
alter table outbox add column trace_parent text, add column trace_state text;
