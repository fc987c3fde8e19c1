package auth

import "github.com/google/uuid"

// Cached reports whether the account cache holds the user (tests only).
func (s *Service) Cached(id uuid.UUID) bool {
	_, _, ok := s.cache.get(id)
	return ok
}
