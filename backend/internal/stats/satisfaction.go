package stats

import (
	"cmp"
	"slices"

	"github.com/motcuagandan/motcua/backend/internal/api"
	"github.com/motcuagandan/motcua/backend/internal/stats/statsdb"
)

// satisfaction sums the fine groups of dossier ratings (month × channel × field) each way:
// overall, per month (oldest first), per channel and per field (most rated first, then by key).
func satisfaction(rows []statsdb.DossierRatingsRow) api.DossierSatisfaction {
	type sum struct{ rated, total int }
	months, channels, fields := map[string]sum{}, map[string]sum{}, map[string]sum{}
	var all sum
	add := func(m map[string]sum, k string, r statsdb.DossierRatingsRow) {
		s := m[k]
		s.rated += int(r.Rated)
		s.total += int(r.Total)
		m[k] = s
	}
	for _, r := range rows {
		add(months, r.Month, r)
		add(channels, r.Channel, r)
		add(fields, r.Field, r)
		all.rated += int(r.Rated)
		all.total += int(r.Total)
	}
	groups := func(m map[string]sum, byKey bool) []api.SatisfactionGroup {
		out := make([]api.SatisfactionGroup, 0, len(m))
		for k, s := range m {
			out = append(out, api.SatisfactionGroup{Key: k, Rated: s.rated, Average: float32(s.total) / float32(s.rated)})
		}
		slices.SortFunc(out, func(a, b api.SatisfactionGroup) int {
			if byKey {
				return cmp.Compare(a.Key, b.Key)
			}
			return cmp.Or(cmp.Compare(b.Rated, a.Rated), cmp.Compare(a.Key, b.Key))
		})
		return out
	}
	out := api.DossierSatisfaction{Rated: all.rated, ByMonth: groups(months, true), ByChannel: groups(channels, false), ByField: groups(fields, false)}
	if all.rated > 0 {
		avg := float32(all.total) / float32(all.rated)
		out.Average = &avg
	}
	return out
}
