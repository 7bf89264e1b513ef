// An S3-compatible object store for the native local stack: gofakes3 with its bbolt backend, so
// objects survive a restart. Tests use it to run the S3 storage of documents and import/export
// files against a real S3 wire protocol (signed requests, path-style addressing).
//
// Environment: S3_ADDR (host:port to listen on), S3_DB_FILE (bbolt file), S3_BUCKETS (comma
// separated buckets to create at start).
// "ping URL" exits 0 when the server answers on URL, for readiness checks.
package main

import (
	"fmt"
	"log"
	"net/http"
	"os"
	"strings"
	"time"

	"github.com/johannesboyne/gofakes3"
	"github.com/johannesboyne/gofakes3/backend/s3bolt"
)

func main() {
	if len(os.Args) == 3 && os.Args[1] == "ping" {
		client := http.Client{Timeout: 2 * time.Second}
		res, err := client.Get(os.Args[2])
		if err != nil {
			fmt.Fprintln(os.Stderr, err)
			os.Exit(1)
		}
		res.Body.Close()
		os.Exit(0)
	}
	addr, file := os.Getenv("S3_ADDR"), os.Getenv("S3_DB_FILE")
	if addr == "" || file == "" {
		log.Fatal("S3_ADDR and S3_DB_FILE are required")
	}
	backend, err := s3bolt.NewFile(file)
	if err != nil {
		log.Fatalf("open %s: %v", file, err)
	}
	for _, name := range strings.Split(os.Getenv("S3_BUCKETS"), ",") {
		name = strings.TrimSpace(name)
		if name == "" {
			continue
		}
		exists, err := backend.BucketExists(name)
		if err != nil {
			log.Fatalf("bucket %s: %v", name, err)
		}
		if !exists {
			if err := backend.CreateBucket(name); err != nil {
				log.Fatalf("create bucket %s: %v", name, err)
			}
		}
	}
	faker := gofakes3.New(backend)
	log.Printf("S3-compatible store listening on %s (data %s)", addr, file)
	log.Fatal(http.ListenAndServe(addr, faker.Server()))
}
