-- follow_up_cells: per (addressed unit, plan) the followed-up items and those completed on time or
-- late, kept in step with recommendations by this trigger in the writing transaction.
CREATE FUNCTION follow_up_cells_add(p_unit integer, p_visit integer, p_status recommendation_status,
  p_completed date, p_deadline date, p_sign integer) RETURNS void LANGUAGE plpgsql AS $$
DECLARE
  v_plan integer := (SELECT plan_id FROM visits WHERE id = p_visit);
  v_on_time integer := p_sign * (p_status = 'accepted' AND p_completed IS NOT NULL AND p_completed <= p_deadline)::int;
  v_late integer := p_sign * (p_status = 'accepted' AND p_completed IS NOT NULL AND p_completed > p_deadline)::int;
BEGIN
  -- A removal always finds the row its addition made. An addition upserts; the CHECK applies to
  -- the proposed row before the conflict is seen, so only additions go through INSERT.
  IF p_sign < 0 THEN
    UPDATE follow_up_cells SET total = total + p_sign, completed_on_time = completed_on_time + v_on_time, completed_late = completed_late + v_late
      WHERE unit_id = p_unit AND plan_id = v_plan;
  ELSE
    INSERT INTO follow_up_cells AS c (unit_id, plan_id, total, completed_on_time, completed_late)
    VALUES (p_unit, v_plan, p_sign, v_on_time, v_late)
    ON CONFLICT (unit_id, plan_id) DO UPDATE SET
      total = c.total + excluded.total,
      completed_on_time = c.completed_on_time + excluded.completed_on_time,
      completed_late = c.completed_late + excluded.completed_late;
  END IF;
END $$;
--> statement-breakpoint
CREATE FUNCTION recommendations_follow_up_cells() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'UPDATE' AND (OLD.notice_id, OLD.addressed_unit_id, OLD.visit_id, OLD.status, OLD.completed_on, OLD.deadline, OLD.extended_deadline)
      IS NOT DISTINCT FROM (NEW.notice_id, NEW.addressed_unit_id, NEW.visit_id, NEW.status, NEW.completed_on, NEW.deadline, NEW.extended_deadline) THEN
    RETURN NULL;
  END IF;
  IF TG_OP IN ('UPDATE', 'DELETE') AND OLD.notice_id IS NOT NULL THEN
    PERFORM follow_up_cells_add(OLD.addressed_unit_id, OLD.visit_id, OLD.status, OLD.completed_on, coalesce(OLD.extended_deadline, OLD.deadline), -1);
  END IF;
  IF TG_OP IN ('INSERT', 'UPDATE') AND NEW.notice_id IS NOT NULL THEN
    PERFORM follow_up_cells_add(NEW.addressed_unit_id, NEW.visit_id, NEW.status, NEW.completed_on, coalesce(NEW.extended_deadline, NEW.deadline), 1);
  END IF;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER recommendations_follow_up_cells AFTER INSERT OR UPDATE OR DELETE ON recommendations
  FOR EACH ROW EXECUTE FUNCTION recommendations_follow_up_cells();
--> statement-breakpoint
-- Recounts every cell from recommendations: the backfill below, and bulk loads that disable the
-- trigger while they COPY (bench/seed).
CREATE FUNCTION refresh_follow_up_cells() RETURNS void LANGUAGE sql AS $$
  DELETE FROM follow_up_cells;
  INSERT INTO follow_up_cells (unit_id, plan_id, total, completed_on_time, completed_late)
  SELECT r.addressed_unit_id, v.plan_id, count(*)::int,
    (count(*) FILTER (WHERE r.status = 'accepted' AND r.completed_on <= coalesce(r.extended_deadline, r.deadline)))::int,
    (count(*) FILTER (WHERE r.status = 'accepted' AND r.completed_on > coalesce(r.extended_deadline, r.deadline)))::int
  FROM recommendations r JOIN visits v ON v.id = r.visit_id
  WHERE r.notice_id IS NOT NULL
  GROUP BY r.addressed_unit_id, v.plan_id;
$$;
--> statement-breakpoint
SELECT refresh_follow_up_cells();
