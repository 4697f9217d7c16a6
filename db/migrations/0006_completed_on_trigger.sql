-- completed_on: the Vietnam date an accepted recommendation was completed (the accepted report's
-- submission, else the acceptance), set when the row becomes accepted, whoever writes it.
CREATE FUNCTION recommendations_set_completed_on() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF NEW.status <> 'accepted' THEN
    NEW.completed_on := NULL;
  ELSIF NEW.completed_on IS NULL THEN
    NEW.completed_on := coalesce(
      (SELECT (max(rr.submitted_at) AT TIME ZONE 'Asia/Ho_Chi_Minh')::date FROM remediation_reports rr
        WHERE rr.recommendation_id = NEW.id AND rr.review = 'accepted'),
      (NEW.accepted_at AT TIME ZONE 'Asia/Ho_Chi_Minh')::date);
  END IF;
  RETURN NEW;
END $$;
--> statement-breakpoint
CREATE TRIGGER recommendations_completed_on BEFORE INSERT OR UPDATE ON recommendations
  FOR EACH ROW EXECUTE FUNCTION recommendations_set_completed_on();
--> statement-breakpoint
ALTER TABLE recommendations DISABLE TRIGGER recommendations_accepted_frozen;
--> statement-breakpoint
UPDATE recommendations r SET completed_on = coalesce(
  (SELECT (max(rr.submitted_at) AT TIME ZONE 'Asia/Ho_Chi_Minh')::date FROM remediation_reports rr
    WHERE rr.recommendation_id = r.id AND rr.review = 'accepted'),
  (r.accepted_at AT TIME ZONE 'Asia/Ho_Chi_Minh')::date)
WHERE r.status = 'accepted';
--> statement-breakpoint
ALTER TABLE recommendations ENABLE TRIGGER recommendations_accepted_frozen;
