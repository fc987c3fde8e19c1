// Package benchkit measures where a benchmark's CPU goes on a shared machine: the CPU time of
// given processes from /proc (the benchmark itself, a child process, the PostgreSQL backends
// serving its database), which the other work on the box does not inflate the way it inflates
// wall-clock figures.
package benchkit

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"strconv"
	"strings"
	"time"

	"github.com/jackc/pgx/v5/pgxpool"
)

// clockTicks is USER_HZ, the unit of utime/stime in /proc/<pid>/stat (100 on Linux).
const clockTicks = 100

// CPU is utime+stime of a process so far.
func CPU(pid int) (time.Duration, error) {
	raw, err := os.ReadFile(fmt.Sprintf("/proc/%d/stat", pid))
	if err != nil {
		return 0, err
	}
	// The command name (field 2) may hold spaces; fields after its ')' are plain.
	f := strings.Fields(string(raw[bytes.LastIndexByte(raw, ')')+1:]))
	if len(f) < 13 {
		return 0, fmt.Errorf("unexpected /proc/%d/stat", pid)
	}
	utime, err1 := strconv.ParseInt(f[11], 10, 64) // field 14
	stime, err2 := strconv.ParseInt(f[12], 10, 64) // field 15
	if err1 != nil || err2 != nil {
		return 0, fmt.Errorf("unexpected /proc/%d/stat", pid)
	}
	return time.Duration(utime+stime) * time.Second / clockTicks, nil
}

// Backends is a snapshot of the CPU time of the PostgreSQL backends connected to the pool's
// database (PostgreSQL must run on this machine).
type Backends map[int]time.Duration

// PostgresCPU reads the CPU time of every backend connected to the pool's database now.
func PostgresCPU(ctx context.Context, pool *pgxpool.Pool) (Backends, error) {
	rows, err := pool.Query(ctx, "SELECT pid FROM pg_stat_activity WHERE datname = current_database()")
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := Backends{}
	for rows.Next() {
		var pid int32
		if err := rows.Scan(&pid); err != nil {
			return nil, err
		}
		if t, err := CPU(int(pid)); err == nil {
			out[int(pid)] = t
		}
	}
	return out, rows.Err()
}

// Since is the CPU the backends spent after the earlier snapshot (a backend that started
// meanwhile counts whole; one that ended meanwhile is lost, which a pool's long-lived
// connections make rare).
func (b Backends) Since(earlier Backends) time.Duration {
	var d time.Duration
	for pid, t := range b {
		d += t - earlier[pid]
	}
	return d
}
