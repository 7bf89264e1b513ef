#!/usr/bin/env bash
# A real mail server for the native local stack: Dovecot 2.3 (IMAP, LMTP, submission) with one
# mailbox per address, created on first delivery, and a small SMTP server (deploy/local/mail)
# that delivers whatever it receives into Dovecot over LMTP. Every address accepts mail and logs
# in over IMAP with $MAIL_PASSWORD. Everything listens on 127.0.0.1 only.
#
#   SMTP (no auth, any recipient)   $MAIL_SMTP_PORT        Keycloak's emails, the services' mail
#   submission (AUTH PLAIN)         $MAIL_SUBMISSION_PORT  a mailbox user sending, relayed as above
#   IMAP                            $MAIL_IMAP_PORT        reading any mailbox
#   LMTP                            $MAIL_LMTP_PORT        delivery into a mailbox
#
# usage: mail.sh install|start|stop|status|env
PW_COMPONENT=mail
source "$(dirname "$0")/../lib.sh"

: "${MAIL_SMTP_PORT:=2525}"
: "${MAIL_SUBMISSION_PORT:=1587}"
: "${MAIL_IMAP_PORT:=1143}"
: "${MAIL_LMTP_PORT:=2424}"
: "${MAIL_PASSWORD:=pipewright-mail}"   # dev only: the password of every local mailbox
MAIL_STATE="$PW_STATE/mail"
DOVECOT_LOG="$(log_file dovecot)"
RELAY_LOG="$(log_file mail-relay)"
RELAY_SCRIPT="$PW_ROOT/deploy/local/mail/relay.mjs"

cmd_install() {
  apt_install dovecot-imapd dovecot-lmtpd dovecot-submissiond
  [ -d "$PW_ROOT/node_modules/smtp-server" ] && [ -d "$PW_ROOT/node_modules/nodemailer" ] \
    || die "the SMTP relay needs the project's npm packages (run npm ci in $PW_ROOT)"
}

# The account Dovecot's processes and mailboxes run as: ourselves, or nobody when started as root.
run_user() { if [ "$(id -u)" -eq 0 ]; then echo nobody; else id -un; fi; }
run_group() { if [ "$(id -u)" -eq 0 ]; then echo nogroup; else id -gn; fi; }

write_config() {
  local base="$1" user group
  user="$(run_user)"; group="$(run_group)"
  cat >"$MAIL_STATE/dovecot.conf" <<CONF
protocols = imap lmtp submission
listen = 127.0.0.1
base_dir = $base
state_dir = $MAIL_STATE/state
log_path = $DOVECOT_LOG
ssl = no
disable_plaintext_auth = no
auth_mechanisms = plain login
default_internal_user = $user
default_internal_group = $group
default_login_user = $user
first_valid_uid = 0
# Every address is a mailbox with the same password: tests read the mail sent to anyone.
passdb {
  driver = static
  args = password=$MAIL_PASSWORD
}
userdb {
  driver = static
  args = uid=$user gid=$group home=$MAIL_STATE/mailboxes/%d/%n
}
mail_location = maildir:~/Maildir
namespace inbox {
  inbox = yes
  separator = /
  mailbox Sent {
    special_use = \\Sent
    auto = subscribe
  }
  mailbox Drafts {
    special_use = \\Drafts
    auto = subscribe
  }
  mailbox Archive {
    special_use = \\Archive
    auto = subscribe
  }
  mailbox Trash {
    special_use = \\Trash
    auto = subscribe
  }
}
service anvil {
  chroot =
}
service imap-login {
  chroot =
  inet_listener imap {
    port = $MAIL_IMAP_PORT
  }
  inet_listener imaps {
    port = 0
  }
}
service pop3-login {
  chroot =
}
service lmtp {
  inet_listener lmtp {
    address = 127.0.0.1
    port = $MAIL_LMTP_PORT
  }
}
service submission-login {
  chroot =
  inet_listener submission {
    port = $MAIL_SUBMISSION_PORT
  }
}
submission_relay_host = 127.0.0.1
submission_relay_port = $MAIL_SMTP_PORT
submission_relay_trusted = yes
CONF
}

start_dovecot() {
  if is_running dovecot; then log "Dovecot already running (pid $(cat "$(pid_file dovecot)"))"; return; fi
  for p in "$MAIL_IMAP_PORT" "$MAIL_LMTP_PORT" "$MAIL_SUBMISSION_PORT"; do
    port_open 127.0.0.1 "$p" && die "port 127.0.0.1:$p is already used by another process; set the MAIL_*_PORT variables or stop it"
  done
  # A fresh runtime directory each start: stale master.pid files and sockets refuse a restart.
  local base="$MAIL_STATE/run-$$"
  rm -rf "$MAIL_STATE"/run-*
  mkdir -p "$base" "$MAIL_STATE/state" "$MAIL_STATE/mailboxes"
  write_config "$base"
  local start=(dovecot -F -c "$MAIL_STATE/dovecot.conf")
  if [ "$(id -u)" -eq 0 ]; then
    chown -R nobody:nogroup "$MAIL_STATE" && chmod o+rx "$PW_STATE" "$MAIL_STATE"
    touch "$DOVECOT_LOG" && chown nobody:nogroup "$DOVECOT_LOG"
    start=(setpriv --reuid=nobody --regid=nogroup --clear-groups "${start[@]}")
  fi
  log "starting Dovecot: IMAP 127.0.0.1:$MAIL_IMAP_PORT, LMTP $MAIL_LMTP_PORT, submission $MAIL_SUBMISSION_PORT (log $DOVECOT_LOG)"
  ("${start[@]}" >>"$DOVECOT_LOG" 2>&1 </dev/null) &
  echo $! >"$(pid_file dovecot)"
}

start_relay() {
  if is_running mail-relay; then log "SMTP relay already running (pid $(cat "$(pid_file mail-relay)"))"; return; fi
  port_open 127.0.0.1 "$MAIL_SMTP_PORT" && die "port 127.0.0.1:$MAIL_SMTP_PORT is already used by another process; set MAIL_SMTP_PORT or stop it"
  require_cmd node "Node.js runs the SMTP relay"
  log "starting the SMTP server on 127.0.0.1:$MAIL_SMTP_PORT (log $RELAY_LOG)"
  (cd "$PW_ROOT" && exec env MAIL_SMTP_PORT="$MAIL_SMTP_PORT" MAIL_LMTP_PORT="$MAIL_LMTP_PORT" node "$RELAY_SCRIPT" >>"$RELAY_LOG" 2>&1 </dev/null) &
  echo $! >"$(pid_file mail-relay)"
}

mail_ready() { port_open 127.0.0.1 "$MAIL_IMAP_PORT" && port_open 127.0.0.1 "$MAIL_LMTP_PORT" && port_open 127.0.0.1 "$MAIL_SMTP_PORT"; }

cmd_start() {
  local t0=$SECONDS
  require_cmd dovecot "run '$0 install'"
  mkdir -p "$MAIL_STATE"
  start_dovecot
  start_relay
  local deadline=$((SECONDS + 30))
  until mail_ready; do
    is_running dovecot || die "Dovecot exited during start-up; see $DOVECOT_LOG"
    is_running mail-relay || die "the SMTP relay exited during start-up; see $RELAY_LOG"
    [ $SECONDS -lt $deadline ] || die "the mail server did not answer within 30 s; see $DOVECOT_LOG and $RELAY_LOG"
    sleep 0.2
  done
  log "ready after $((SECONDS - t0)) s: SMTP 127.0.0.1:$MAIL_SMTP_PORT, IMAP $MAIL_IMAP_PORT"
}

cmd_stop() {
  if is_running mail-relay || is_running dovecot; then log "stopping the mail server"; else log "not running"; fi
  stop_pid mail-relay
  stop_pid dovecot
}

cmd_status() {
  if is_running dovecot && is_running mail-relay && mail_ready; then
    echo "mail: running (SMTP 127.0.0.1:$MAIL_SMTP_PORT, IMAP $MAIL_IMAP_PORT, logs $DOVECOT_LOG $RELAY_LOG)"
  else
    echo "mail: stopped"
    return 3
  fi
}

cmd_env() {
  echo "export MAIL_SMTP_HOST='127.0.0.1' MAIL_SMTP_PORT='$MAIL_SMTP_PORT' MAIL_SUBMISSION_PORT='$MAIL_SUBMISSION_PORT' MAIL_IMAP_PORT='$MAIL_IMAP_PORT' MAIL_LMTP_PORT='$MAIL_LMTP_PORT' MAIL_PASSWORD='$MAIL_PASSWORD'"
}

component_main "$@"
