// Command ferretdb runs FerretDB v1 embedded, for the native local stack.
//
//	ferretdb        serve; configured by the environment:
//	                FERRETDB_HANDLER        "postgresql" (default) or "sqlite"
//	                FERRETDB_POSTGRESQL_URL e.g. postgres://ferretdb:ferretdb@127.0.0.1:55432/ferretdb
//	                FERRETDB_SQLITE_URL     e.g. file:/abs/dir/ (existing directory, trailing slash)
//	                FERRETDB_PORT           TCP port on 127.0.0.1 (default 27018)
//	                FERRETDB_LOG_LEVEL      debug|info|warn|error (default info)
//	ferretdb ping [URI]
//	                readiness probe: runs the MongoDB `ping` command (which also checks the
//	                backend) against URI (default mongodb://127.0.0.1:$FERRETDB_PORT/); exit 0 when ok.
package main

import (
	"context"
	"fmt"
	"log/slog"
	"os"
	"os/signal"
	"strings"
	"syscall"
	"time"

	"github.com/FerretDB/FerretDB/ferretdb"
	"go.mongodb.org/mongo-driver/bson"
	"go.mongodb.org/mongo-driver/mongo"
	"go.mongodb.org/mongo-driver/mongo/options"
)

func env(key, def string) string {
	if v := os.Getenv(key); v != "" {
		return v
	}
	return def
}

func main() {
	if len(os.Args) > 1 && os.Args[1] == "ping" {
		os.Exit(ping(os.Args[2:]))
	}

	var level slog.Level
	if err := level.UnmarshalText([]byte(env("FERRETDB_LOG_LEVEL", "info"))); err != nil {
		level = slog.LevelInfo
	}
	logger := slog.New(slog.NewTextHandler(os.Stdout, &slog.HandlerOptions{Level: level}))
	slog.SetDefault(logger)

	cfg := &ferretdb.Config{
		Listener: ferretdb.ListenerConfig{TCP: "127.0.0.1:" + env("FERRETDB_PORT", "27018")},
		Logger:   logger,
		Handler:  env("FERRETDB_HANDLER", "postgresql"),
	}
	switch cfg.Handler {
	case "postgresql":
		cfg.PostgreSQLURL = os.Getenv("FERRETDB_POSTGRESQL_URL")
		if cfg.PostgreSQLURL == "" {
			fail(logger, "FERRETDB_POSTGRESQL_URL is not set")
		}
	case "sqlite":
		cfg.SQLiteURL = os.Getenv("FERRETDB_SQLITE_URL")
		if cfg.SQLiteURL == "" {
			fail(logger, "FERRETDB_SQLITE_URL is not set")
		}
	default:
		fail(logger, "unsupported FERRETDB_HANDLER "+cfg.Handler)
	}

	f, err := ferretdb.New(cfg)
	if err != nil {
		fail(logger, err.Error())
	}

	ctx, stop := signal.NotifyContext(context.Background(), syscall.SIGTERM, syscall.SIGINT)
	defer stop()

	go func() {
		// MongoDBURI blocks until the listener is bound (Run binds it).
		logger.Info("FerretDB ready", slog.String("uri", f.MongoDBURI()), slog.String("handler", cfg.Handler))
	}()

	if err := f.Run(ctx); err != nil {
		fail(logger, err.Error())
	}
	logger.Info("FerretDB stopped")
}

func fail(logger *slog.Logger, msg string) {
	logger.Error(msg)
	os.Exit(1)
}

func ping(args []string) int {
	uri := "mongodb://127.0.0.1:" + env("FERRETDB_PORT", "27018") + "/"
	if len(args) > 0 {
		uri = args[0]
	}

	ctx, cancel := context.WithTimeout(context.Background(), 3*time.Second)
	defer cancel()

	opts := options.Client().ApplyURI(uri).
		SetServerSelectionTimeout(2 * time.Second).
		SetConnectTimeout(2 * time.Second)
	client, err := mongo.Connect(ctx, opts)
	if err != nil {
		fmt.Fprintln(os.Stderr, "ping:", err)
		return 1
	}
	// No Disconnect: it would send `endSessions`, which FerretDB v1 answers (and logs as a
	// warning) with CommandNotFound; exiting closes the socket anyway.

	var res bson.M
	if err := client.Database("admin").RunCommand(ctx, bson.D{{Key: "ping", Value: 1}}).Decode(&res); err != nil {
		fmt.Fprintln(os.Stderr, "ping:", strings.TrimSpace(err.Error()))
		return 1
	}
	return 0
}
