package db

import (
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"os/user"
	"path/filepath"
	"strconv"
	"time"

	"github.com/jackc/pgx/v5"
)

// The project-local cluster listens on its own port and socket so it never fights a system one.
const (
	localPort    = 54329
	localDirName = ".pgdata"
	systemURL    = "postgres://postgres@127.0.0.1:5432/%s?sslmode=disable"
)

// Locate returns the database URL to use in development when DATABASE_URL is not set:
// PostgreSQL on 127.0.0.1:5432 when one answers, otherwise a project-local cluster in .pgdata/
// (created with the machine's initdb and started with pg_ctl). The database dbName is created
// when missing. It fails with instructions when neither is possible.
func Locate(ctx context.Context, dbName string) (string, error) {
	if u := os.Getenv("DATABASE_URL"); u != "" {
		return u, nil
	}
	if err := ensureDatabase(ctx, fmt.Sprintf(systemURL, "postgres"), dbName); err == nil {
		return fmt.Sprintf(systemURL, dbName), nil
	}
	url, err := startLocalCluster(ctx)
	if err != nil {
		return "", fmt.Errorf("no PostgreSQL found: DATABASE_URL is unset, nothing answers on 127.0.0.1:5432, "+
			"and a project-local cluster could not be started (%v).\n"+
			"Install PostgreSQL (Debian/Ubuntu: sudo apt-get install postgresql) and run the command again, "+
			"or run everything in containers with: docker compose up", err)
	}
	if err := ensureDatabase(ctx, url+"postgres", dbName); err != nil {
		return "", err
	}
	return url + dbName, nil
}

// AdminURL returns a URL to the maintenance database "postgres" of the server Locate would use,
// for tests that create databases.
func AdminURL(ctx context.Context) (string, error) {
	if u := os.Getenv("DATABASE_URL"); u != "" {
		return replaceDatabase(u, "postgres")
	}
	if _, err := Locate(ctx, "motcua"); err != nil {
		return "", err
	}
	if ping(ctx, fmt.Sprintf(systemURL, "postgres")) == nil {
		return fmt.Sprintf(systemURL, "postgres"), nil
	}
	return localURL() + "postgres", nil
}

func ensureDatabase(ctx context.Context, adminURL, name string) error {
	cctx, cancel := context.WithTimeout(ctx, 3*time.Second)
	defer cancel()
	conn, err := pgx.Connect(cctx, adminURL)
	if err != nil {
		return err
	}
	defer conn.Close(ctx)
	var exists bool
	if err := conn.QueryRow(cctx, "SELECT EXISTS (SELECT 1 FROM pg_database WHERE datname = $1)", name).Scan(&exists); err != nil {
		return err
	}
	if exists {
		return nil
	}
	_, err = conn.Exec(cctx, "CREATE DATABASE "+pgx.Identifier{name}.Sanitize())
	var pgErr interface{ SQLState() string }
	if errors.As(err, &pgErr) && pgErr.SQLState() == "42P04" { // created meanwhile by someone else
		return nil
	}
	return err
}

func ping(ctx context.Context, url string) error {
	cctx, cancel := context.WithTimeout(ctx, 2*time.Second)
	defer cancel()
	conn, err := pgx.Connect(cctx, url)
	if err != nil {
		return err
	}
	return conn.Close(ctx)
}

// projectRoot walks up from the working directory to the folder holding go.mod.
func projectRoot() string {
	dir, err := os.Getwd()
	if err != nil {
		return "."
	}
	for d := dir; ; d = filepath.Dir(d) {
		if _, err := os.Stat(filepath.Join(d, "go.mod")); err == nil {
			return d
		}
		if filepath.Dir(d) == d {
			return dir
		}
	}
}

func localDir() string {
	if d := os.Getenv("MOTCUA_PGDATA"); d != "" {
		return d
	}
	return filepath.Join(projectRoot(), localDirName)
}

func localURL() string {
	return "postgres://postgres@/?host=" + filepath.Join(localDir(), "run") + "&port=" + strconv.Itoa(localPort) + "&sslmode=disable&dbname="
}

// pgBin finds a PostgreSQL server program on PATH or in Debian's versioned folders.
func pgBin(name string) (string, error) {
	if p, err := exec.LookPath(name); err == nil {
		return p, nil
	}
	matches, _ := filepath.Glob("/usr/lib/postgresql/*/bin/" + name)
	if len(matches) > 0 {
		return matches[len(matches)-1], nil
	}
	return "", fmt.Errorf("%s not found", name)
}

// startLocalCluster initialises (once) and starts the project-local cluster, returning its URL
// without the database name. PostgreSQL refuses to run as root, so as root it runs as "postgres".
func startLocalCluster(ctx context.Context) (string, error) {
	initdb, err := pgBin("initdb")
	if err != nil {
		return "", err
	}
	pgctl, err := pgBin("pg_ctl")
	if err != nil {
		return "", err
	}
	dir := localDir()
	data, run := filepath.Join(dir, "data"), filepath.Join(dir, "run")
	url := localURL()
	if ping(ctx, url+"postgres") == nil {
		return url, nil
	}
	if err := os.MkdirAll(run, 0o700); err != nil {
		return "", err
	}
	asUser := ""
	if os.Geteuid() == 0 {
		u, err := user.Lookup("postgres")
		if err != nil {
			return "", errors.New("running as root and there is no 'postgres' user to run the cluster as")
		}
		uid, _ := strconv.Atoi(u.Uid)
		gid, _ := strconv.Atoi(u.Gid)
		_ = filepath.Walk(dir, func(p string, _ os.FileInfo, _ error) error { return os.Lchown(p, uid, gid) })
		asUser = "postgres"
	}
	command := func(name string, args ...string) *exec.Cmd {
		if asUser != "" {
			return exec.CommandContext(ctx, "runuser", append([]string{"-u", asUser, "--", name}, args...)...)
		}
		return exec.CommandContext(ctx, name, args...)
	}
	if _, err := os.Stat(filepath.Join(data, "PG_VERSION")); err != nil {
		out, err := command(initdb, "-D", data, "-U", "postgres", "--auth=trust", "-E", "UTF8", "--locale=C.UTF-8").CombinedOutput()
		if err != nil {
			return "", fmt.Errorf("initdb: %v: %s", err, out)
		}
	}
	opts := fmt.Sprintf("-p %d -k %s -c listen_addresses=''", localPort, run)
	out, err := command(pgctl, "-D", data, "-l", filepath.Join(dir, "server.log"), "-o", opts, "-w", "start").CombinedOutput()
	if err != nil {
		return "", fmt.Errorf("pg_ctl start: %v: %s", err, out)
	}
	return url, nil
}
