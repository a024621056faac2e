-- The register's JSON values were text that the service wrote and parsed by hand; now they are jsonb, mapped by
-- Hibernate (@JdbcTypeCode(SqlTypes.JSON), org.isms.risk.repository.JsonColumns), so that persistence has one style,
-- the database refuses what is not JSON and a query can look inside a document.
-- Every document keeps its shape: the same keys and values, times as ISO-8601 strings, absent values as null.
-- jsonb keeps an object's keys in an order of its own and drops the spaces between tokens; no reader depends on
-- either. The cast fails on text that is not JSON or holds a \u0000 escape (none can: the service refuses NUL
-- characters everywhere), and the migration then changes nothing.

-- a risk's plan items (Risk.treatmentPlan, a list of PlanItem); null until a treatment is set
alter table risk alter column treatment_plan type jsonb using treatment_plan::jsonb;
-- why a review is required (Risk.reviewReasons, a list of ReviewReason); [] when nothing is
alter table risk alter column review_reasons type jsonb using review_reasons::jsonb;
-- the scales, matrix, appetite, review intervals and acceptance cap of a version (MethodologyVersion.definition)
alter table risk_methodology alter column definition type jsonb using definition::jsonb;
