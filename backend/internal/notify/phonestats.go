package notify

import (
	"github.com/prometheus/client_golang/prometheus"
)

var descPhone = prometheus.NewDesc("motcua_phone_messages_total",
	"Zalo ZNS and SMS messages handled by this process's phone workers, by channel and outcome (sent, retried, dead, fell_back: handed to SMS).",
	[]string{"channel", "outcome"}, nil)

// PhoneCollector exports the phone workers' counters. (What each ward sent in a month, what it
// is billed for, is read from the database: WardMonthCounts.)
type PhoneCollector struct{ stats PhoneStatsSet }

// NewPhoneCollector exports s.
func NewPhoneCollector(s PhoneStatsSet) PhoneCollector { return PhoneCollector{stats: s} }

// Describe implements prometheus.Collector.
func (c PhoneCollector) Describe(ch chan<- *prometheus.Desc) { ch <- descPhone }

// Collect implements prometheus.Collector.
func (c PhoneCollector) Collect(ch chan<- prometheus.Metric) {
	for channel, s := range c.stats {
		for outcome, v := range map[string]int64{"sent": s.Sent.Load(), "retried": s.Retried.Load(), "dead": s.Dead.Load(), "fell_back": s.FellBack.Load()} {
			ch <- prometheus.MustNewConstMetric(descPhone, prometheus.CounterValue, float64(v), channel, outcome)
		}
	}
}
