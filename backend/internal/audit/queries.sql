-- name: Record :exec
INSERT INTO audit_events (id, ward_id, actor_id, action, target_type, target_id, detail, created_at)
VALUES ($1, $2, $3, $4, $5, $6, $7, $8);
