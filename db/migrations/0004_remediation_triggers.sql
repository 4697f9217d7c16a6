-- An accepted recommendation is closed for good: no route, and no bug, may change or delete it.
CREATE FUNCTION recommendations_refuse_accepted_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF OLD.status = 'accepted' THEN
    RAISE EXCEPTION 'recommendation % is accepted and cannot change', OLD.id USING ERRCODE = 'insufficient_privilege';
  END IF;
  IF TG_OP = 'DELETE' THEN
    RETURN OLD;
  END IF;
  RETURN NEW;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER recommendations_accepted_frozen BEFORE UPDATE OR DELETE ON recommendations
  FOR EACH ROW EXECUTE FUNCTION recommendations_refuse_accepted_change();
--> statement-breakpoint
-- A submitted remediation report is evidence: its content never changes, and it is reviewed once
-- (submitted → accepted or returned), never again.
CREATE FUNCTION remediation_reports_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'DELETE' THEN
    RAISE EXCEPTION 'remediation report % cannot be deleted', OLD.id USING ERRCODE = 'insufficient_privilege';
  END IF;
  IF OLD.review <> 'submitted'
     OR NEW.recommendation_id IS DISTINCT FROM OLD.recommendation_id
     OR NEW.unit_id IS DISTINCT FROM OLD.unit_id
     OR NEW.progress IS DISTINCT FROM OLD.progress
     OR NEW.content IS DISTINCT FROM OLD.content
     OR NEW.submitted_by IS DISTINCT FROM OLD.submitted_by
     OR NEW.submitted_at IS DISTINCT FROM OLD.submitted_at THEN
    RAISE EXCEPTION 'remediation report % cannot change', OLD.id USING ERRCODE = 'insufficient_privilege';
  END IF;
  RETURN NEW;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER remediation_reports_frozen BEFORE UPDATE OR DELETE ON remediation_reports
  FOR EACH ROW EXECUTE FUNCTION remediation_reports_refuse_change();
--> statement-breakpoint
-- A printed remediation report (numbered BC) never changes; a correction is a new document.
CREATE FUNCTION remediation_documents_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'remediation document % is issued and cannot change', OLD.id USING ERRCODE = 'insufficient_privilege';
END;
$$;
--> statement-breakpoint
CREATE TRIGGER remediation_documents_frozen BEFORE UPDATE OR DELETE ON remediation_documents
  FOR EACH ROW EXECUTE FUNCTION remediation_documents_refuse_change();
