// A static OpenAI chat-completions upstream for the benchmarks. Native and single-threaded
// (epoll, keep-alive, precomputed replies) so that it is never the bottleneck: it answers
// far faster than any Node proxy in front of it. It reads the whole request, then:
//   - path starting /slow/  -> an SSE stream: first chunk at once, then one chunk every
//                              SLOW_INTERVAL_MS, SLOW_CHUNKS in all (to hold many streams open);
//   - body with "stream":true -> the whole SSE stream of STREAM_CHUNKS chunks + usage + [DONE];
//   - POST /v1/messages      -> a fixed Anthropic message (JSON);
//   - GET /stats             -> {"slow_streams":N}: slow streams still being sent (the bench
//                              checks that proxies stop theirs when clients hang up);
//   - anything else          -> one fixed chat.completion JSON with usage.
// Usage: static-upstream PORT [STREAM_CHUNKS=20] [SLOW_INTERVAL_MS=1000] [SLOW_CHUNKS=120]

#define _GNU_SOURCE
#include <errno.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#define MAX_FDS 65536
#define MAX_EVENTS 512

typedef struct {
  char *in;
  size_t in_len, in_cap;
  char *out;          // bytes the socket would not take yet
  size_t out_len, out_off, out_cap;
  int slow_left;      // chunks still to send on a slow stream; 0 when not streaming slowly
  long long slow_due; // monotonic ms of the next slow chunk
  int open;
} Conn;

static Conn *conns[MAX_FDS];
static int epfd;
static char *json_reply, *messages_reply, *stream_reply, *slow_head, *slow_chunk, *slow_tail;
static size_t json_reply_len, messages_reply_len, stream_reply_len, slow_head_len, slow_chunk_len, slow_tail_len;
static int slow_interval_ms = 1000, slow_chunks = 120;
static int slow_count; // open slow streams, so the loop only scans when some exist

static const char *CHUNK_FMT =
    "data: {\"id\":\"chatcmpl-bench\",\"object\":\"chat.completion.chunk\",\"created\":1700000000,"
    "\"model\":\"gpt-4o-mini-2024-07-18\",\"system_fingerprint\":\"fp_bench\",\"choices\":[{\"index\":0,"
    "\"delta\":{%s},\"logprobs\":null,\"finish_reason\":%s}]}\n\n";
static const char *USAGE_EVENT =
    "data: {\"id\":\"chatcmpl-bench\",\"object\":\"chat.completion.chunk\",\"created\":1700000000,"
    "\"model\":\"gpt-4o-mini-2024-07-18\",\"system_fingerprint\":\"fp_bench\",\"choices\":[],"
    "\"usage\":{\"prompt_tokens\":24,\"completion_tokens\":20,\"total_tokens\":44}}\n\n";

static long long now_ms(void) {
  struct timespec t;
  clock_gettime(CLOCK_MONOTONIC, &t);
  return (long long)t.tv_sec * 1000 + t.tv_nsec / 1000000;
}

// Appends one HTTP/1.1 chunk (hex size, data) to a growing string.
static void add_http_chunk(char **buf, size_t *len, const char *data, size_t n) {
  char head[32];
  int h = snprintf(head, sizeof head, "%zx\r\n", n);
  *buf = realloc(*buf, *len + h + n + 3);
  memcpy(*buf + *len, head, h);
  memcpy(*buf + *len + h, data, n);
  memcpy(*buf + *len + h + n, "\r\n", 3);
  *len += h + n + 2;
}

/** The end every stream shares: the usage event, [DONE], and the last (empty) HTTP chunk. */
static void end_stream(char **buf, size_t *len) {
  add_http_chunk(buf, len, USAGE_EVENT, strlen(USAGE_EVENT));
  add_http_chunk(buf, len, "data: [DONE]\n\n", 14);
  *buf = realloc(*buf, *len + 6);
  memcpy(*buf + *len, "0\r\n\r\n", 6);
  *len += 5;
}

static char *format_chunk(int index, int last) {
  static char text[1024];
  char delta[128];
  if (index == 0) snprintf(delta, sizeof delta, "\"role\":\"assistant\",\"content\":\"\",\"refusal\":null");
  else if (last) delta[0] = 0;
  else snprintf(delta, sizeof delta, "\"content\":\"tok%d \"", index);
  snprintf(text, sizeof text, CHUNK_FMT, delta, last ? "\"stop\"" : "null");
  return text;
}

/** A whole HTTP/1.1 200 reply carrying `body` as JSON. */
static char *json_response(const char *body, size_t *len) {
  char *reply = malloc(strlen(body) + 256);
  *len = sprintf(reply, "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: %zu\r\nConnection: keep-alive\r\n\r\n%s", strlen(body), body);
  return reply;
}

static void build_replies(int stream_chunks) {
  static const char *body =
      "{\"id\":\"chatcmpl-bench\",\"object\":\"chat.completion\",\"created\":1700000000,"
      "\"model\":\"gpt-4o-mini-2024-07-18\",\"choices\":[{\"index\":0,\"message\":{\"role\":\"assistant\","
      "\"content\":\"Hello! This is a fixed reply from the llmux benchmark upstream.\",\"refusal\":null,"
      "\"annotations\":[]},\"logprobs\":null,\"finish_reason\":\"stop\"}],\"usage\":{\"prompt_tokens\":24,"
      "\"completion_tokens\":14,\"total_tokens\":38,\"prompt_tokens_details\":{\"cached_tokens\":0,"
      "\"audio_tokens\":0},\"completion_tokens_details\":{\"reasoning_tokens\":0,\"audio_tokens\":0,"
      "\"accepted_prediction_tokens\":0,\"rejected_prediction_tokens\":0}},\"service_tier\":\"default\","
      "\"system_fingerprint\":\"fp_bench\"}";
  json_reply = json_response(body, &json_reply_len);

  // Anthropic's Messages API (POST /v1/messages), for the /v1/messages passthrough rows.
  static const char *message =
      "{\"id\":\"msg_bench\",\"type\":\"message\",\"role\":\"assistant\",\"model\":\"claude-sonnet-4-5-20250929\","
      "\"content\":[{\"type\":\"text\",\"text\":\"Hello! This is a fixed reply from the llmux benchmark upstream.\"}],"
      "\"stop_reason\":\"end_turn\",\"stop_sequence\":null,\"usage\":{\"input_tokens\":24,\"cache_creation_input_tokens\":0,"
      "\"cache_read_input_tokens\":0,\"output_tokens\":14}}";
  messages_reply = json_response(message, &messages_reply_len);

  static const char *sse_head =
      "HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\nCache-Control: no-cache\r\n"
      "Transfer-Encoding: chunked\r\nConnection: keep-alive\r\n\r\n";
  stream_reply = strdup(sse_head);
  stream_reply_len = strlen(sse_head);
  for (int i = 0; i < stream_chunks; i++) {
    char *c = format_chunk(i, i == stream_chunks - 1);
    add_http_chunk(&stream_reply, &stream_reply_len, c, strlen(c));
  }
  end_stream(&stream_reply, &stream_reply_len);

  // A slow stream: the head plus its first chunk at once (so time-to-first-token is the
  // proxies' own), then one content chunk per tick, then the end.
  slow_head = strdup(sse_head);
  slow_head_len = strlen(sse_head);
  char *first = format_chunk(0, 0);
  add_http_chunk(&slow_head, &slow_head_len, first, strlen(first));
  slow_chunk = NULL;
  slow_chunk_len = 0;
  char *mid = format_chunk(1, 0);
  add_http_chunk(&slow_chunk, &slow_chunk_len, mid, strlen(mid));
  slow_tail = NULL;
  slow_tail_len = 0;
  char *last = format_chunk(2, 1);
  add_http_chunk(&slow_tail, &slow_tail_len, last, strlen(last));
  end_stream(&slow_tail, &slow_tail_len);
}

static void close_conn(int fd) {
  Conn *c = conns[fd];
  if (c == NULL || !c->open) return;
  if (c->slow_left > 0) slow_count--;
  c->open = 0;
  c->slow_left = 0;
  c->in_len = c->out_len = c->out_off = 0;
  close(fd);
}

static void set_want_write(int fd, int want) {
  struct epoll_event ev = {.events = EPOLLIN | (want ? EPOLLOUT : 0), .data.fd = fd};
  epoll_ctl(epfd, EPOLL_CTL_MOD, fd, &ev);
}

// Writes now what the socket takes and keeps the rest for EPOLLOUT.
static void send_bytes(int fd, const char *data, size_t n) {
  Conn *c = conns[fd];
  if (c->out_len > c->out_off) {
    // Already waiting for the socket: queue behind what is pending.
  } else {
    c->out_len = c->out_off = 0;
    ssize_t w = send(fd, data, n, MSG_NOSIGNAL);
    if (w < 0) {
      if (errno != EAGAIN) { close_conn(fd); return; }
      w = 0;
    }
    if ((size_t)w == n) return;
    data += w;
    n -= w;
  }
  if (c->out_len + n > c->out_cap) {
    c->out_cap = (c->out_len + n) * 2;
    c->out = realloc(c->out, c->out_cap);
  }
  memcpy(c->out + c->out_len, data, n);
  c->out_len += n;
  set_want_write(fd, 1);
}

static void flush_out(int fd) {
  Conn *c = conns[fd];
  while (c->out_off < c->out_len) {
    ssize_t w = send(fd, c->out + c->out_off, c->out_len - c->out_off, MSG_NOSIGNAL);
    if (w < 0) {
      if (errno == EAGAIN) return;
      close_conn(fd);
      return;
    }
    c->out_off += w;
  }
  c->out_len = c->out_off = 0;
  set_want_write(fd, 0);
}

static size_t header_value(const char *head, size_t head_len, const char *name, char *value, size_t cap) {
  size_t nlen = strlen(name);
  for (const char *p = head; p + nlen < head + head_len; p++) {
    if ((p == head || p[-1] == '\n') && strncasecmp(p, name, nlen) == 0 && p[nlen] == ':') {
      const char *v = p + nlen + 1;
      while (*v == ' ') v++;
      size_t n = 0;
      while (v + n < head + head_len && v[n] != '\r' && n + 1 < cap) n++;
      memcpy(value, v, n);
      value[n] = 0;
      return n;
    }
  }
  return 0;
}

// Answers every complete request in the input buffer (clients may pipeline).
static void handle_requests(int fd) {
  Conn *c = conns[fd];
  size_t used = 0;
  while (c->open && c->slow_left == 0) {
    char *start = c->in + used;
    size_t avail = c->in_len - used;
    char *end = memmem(start, avail, "\r\n\r\n", 4);
    if (end == NULL) break;
    size_t head_len = end - start + 4;
    char value[64];
    size_t total;
    if (header_value(start, head_len, "content-length", value, sizeof value) > 0) {
      total = head_len + strtoul(value, NULL, 10);
      if (avail < total) break;
    } else if (header_value(start, head_len, "transfer-encoding", value, sizeof value) > 0) {
      char *last = memmem(start + head_len - 2, avail - head_len + 2, "\r\n0\r\n\r\n", 7);
      if (last == NULL) break;
      total = last + 7 - start;
    } else {
      total = head_len;
    }
    const char *body = start + head_len;
    size_t body_len = total - head_len;
    int slow = avail > 10 && memcmp(start, "POST /slow/", 11) == 0;
    int stats = avail > 10 && memcmp(start, "GET /stats ", 11) == 0;
    int messages = avail > 17 && memcmp(start, "POST /v1/messages", 17) == 0;
    int stream = memmem(body, body_len, "\"stream\":true", 13) != NULL || memmem(body, body_len, "\"stream\": true", 14) != NULL;
    used += total;
    if (stats) {
      char reply[160], payload[48];
      int payload_len = snprintf(payload, sizeof payload, "{\"slow_streams\":%d}", slow_count);
      int n = snprintf(reply, sizeof reply, "HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ncontent-length: %d\r\n\r\n%s", payload_len, payload);
      send_bytes(fd, reply, n);
    } else if (slow) {
      send_bytes(fd, slow_head, slow_head_len);
      c->slow_left = slow_chunks;
      c->slow_due = now_ms() + slow_interval_ms;
      slow_count++;
    } else if (messages) {
      send_bytes(fd, messages_reply, messages_reply_len);
    } else if (stream) {
      send_bytes(fd, stream_reply, stream_reply_len);
    } else {
      send_bytes(fd, json_reply, json_reply_len);
    }
  }
  if (!c->open) return;
  memmove(c->in, c->in + used, c->in_len - used);
  c->in_len -= used;
}

static void read_conn(int fd) {
  Conn *c = conns[fd];
  for (;;) {
    if (c->in_cap - c->in_len < 4096) {
      c->in_cap *= 2;
      c->in = realloc(c->in, c->in_cap);
    }
    ssize_t r = recv(fd, c->in + c->in_len, c->in_cap - c->in_len, 0);
    if (r == 0) { close_conn(fd); return; }
    if (r < 0) {
      if (errno == EAGAIN) break;
      close_conn(fd);
      return;
    }
    c->in_len += r;
  }
  handle_requests(fd);
}

static void tick_slow_streams(void) {
  long long now = now_ms();
  for (int fd = 0; fd < MAX_FDS && slow_count > 0; fd++) {
    Conn *c = conns[fd];
    if (c == NULL || !c->open || c->slow_left == 0 || c->slow_due > now) continue;
    c->slow_left--;
    c->slow_due = now + slow_interval_ms;
    if (c->slow_left > 0) {
      send_bytes(fd, slow_chunk, slow_chunk_len);
    } else {
      slow_count--;
      send_bytes(fd, slow_tail, slow_tail_len);
      if (c->open && c->in_len > 0) handle_requests(fd);
    }
  }
}

int main(int argc, char **argv) {
  if (argc < 2) {
    fprintf(stderr, "usage: %s PORT [STREAM_CHUNKS] [SLOW_INTERVAL_MS] [SLOW_CHUNKS]\n", argv[0]);
    return 2;
  }
  int port = atoi(argv[1]);
  int stream_chunks = argc > 2 ? atoi(argv[2]) : 20;
  if (argc > 3) slow_interval_ms = atoi(argv[3]);
  if (argc > 4) slow_chunks = atoi(argv[4]);
  signal(SIGPIPE, SIG_IGN);
  build_replies(stream_chunks < 2 ? 2 : stream_chunks);

  int lfd = socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK, 0);
  int one = 1;
  setsockopt(lfd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
  struct sockaddr_in addr = {.sin_family = AF_INET, .sin_port = htons(port), .sin_addr.s_addr = htonl(INADDR_LOOPBACK)};
  if (bind(lfd, (struct sockaddr *)&addr, sizeof addr) < 0 || listen(lfd, 4096) < 0) {
    perror("static-upstream: bind/listen");
    return 1;
  }
  epfd = epoll_create1(0);
  struct epoll_event ev = {.events = EPOLLIN, .data.fd = lfd};
  epoll_ctl(epfd, EPOLL_CTL_ADD, lfd, &ev);
  printf("static-upstream listening on 127.0.0.1:%d\n", port);
  fflush(stdout);

  struct epoll_event events[MAX_EVENTS];
  for (;;) {
    // Wake at least every 50 ms while slow streams are open, to send their next chunk.
    int n = epoll_wait(epfd, events, MAX_EVENTS, slow_count > 0 ? 50 : -1);
    for (int i = 0; i < n; i++) {
      int fd = events[i].data.fd;
      if (fd == lfd) {
        for (;;) {
          int cfd = accept4(lfd, NULL, NULL, SOCK_NONBLOCK);
          if (cfd < 0) break;
          if (cfd >= MAX_FDS) { close(cfd); continue; }
          setsockopt(cfd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
          if (conns[cfd] == NULL) {
            conns[cfd] = calloc(1, sizeof(Conn));
            conns[cfd]->in_cap = 16384;
            conns[cfd]->in = malloc(16384);
          }
          conns[cfd]->open = 1;
          struct epoll_event cev = {.events = EPOLLIN, .data.fd = cfd};
          epoll_ctl(epfd, EPOLL_CTL_ADD, cfd, &cev);
        }
        continue;
      }
      if (conns[fd] == NULL || !conns[fd]->open) continue;
      if (events[i].events & (EPOLLERR | EPOLLHUP)) { close_conn(fd); continue; }
      if (events[i].events & EPOLLOUT) flush_out(fd);
      if (conns[fd]->open && (events[i].events & EPOLLIN)) read_conn(fd);
    }
    if (slow_count > 0) tick_slow_streams();
  }
}
