package notify

import "time"

// timeNow is the clock notify uses (clock.Clock's Now method fits).
type timeNow = func() time.Time
