/*
 * JNI shim of Meridian's `mmsg` DNS UDP transport (io.meridian.dns.MmsgUdpSockets): a blocking
 * UDP socket read with recvmmsg(MSG_WAITFORONE) and written with sendmmsg, as gdnsd does, so a
 * batch of queries costs one receive and one send system call and no readiness wait.
 *
 * One context per socket holds every buffer the two calls use; Java sees its data through three
 * direct ByteBuffers made once (NewDirectByteBuffer), so a call copies nothing between Java and C:
 *   in     batch slots of `slot` bytes, the received datagrams (a longer one arrives cut short);
 *   out    the responses, packed where Java put them;
 *   meta   per slot, 8 int32 in native order:
 *            [0] received length, [1] send offset in out, [2] send length, [3] slot to answer,
 *            [4] sender family (4 or 6; an IPv4-mapped IPv6 sender is reported as 4),
 *            [5] sender port, [6..7] unused;
 *   peers  per slot, 16 bytes: the sender's address (4 bytes for family 4).
 * Java fills [1..3] of entry j for the j-th response of a batch; the destination of a response is
 * the sender of the slot it answers, kept here as the kernel wrote it.
 *
 * Closing: Java calls shutdown(fd) (which wakes the blocked recvmmsg: it returns 0), waits for the
 * loop to return, then destroy() closes the descriptor, so no call ever sees a reused descriptor.
 * glibc and Linux only (recvmmsg, sendmmsg, SO_REUSEPORT).
 */
#define _GNU_SOURCE
#include <jni.h>
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/socket.h>
#include <netinet/in.h>
#include "io_meridian_dns_MmsgNative.h"

#define ABI_VERSION 1
#define META_INTS 8
#define PEER_BYTES 16

struct ctx {
    int fd;
    int batch;
    int slot;
    int out_capacity;
    unsigned char *in;
    unsigned char *out;
    int32_t *meta;
    unsigned char *peers;
    struct sockaddr_storage *names;
    struct mmsghdr *rmsgs;
    struct mmsghdr *smsgs;
    struct iovec *riov;
    struct iovec *siov;
};

static void throw_io(JNIEnv *env, const char *call, int err) {
    char message[256];
    snprintf(message, sizeof message, "%s: %s (errno %d)", call, strerror(err), err);
    jclass c = (*env)->FindClass(env, "java/io/IOException");
    if (c != NULL) {
        (*env)->ThrowNew(env, c, message);
    }
}

JNIEXPORT jint JNICALL Java_io_meridian_dns_MmsgNative_abiVersion(JNIEnv *env, jclass cls) {
    (void) env;
    (void) cls;
    return ABI_VERSION;
}

JNIEXPORT jint JNICALL Java_io_meridian_dns_MmsgNative_open(JNIEnv *env, jclass cls, jbyteArray address, jint scope,
                                                          jint port, jboolean reuse_port, jint buffer) {
    (void) cls;
    jsize n = (*env)->GetArrayLength(env, address);
    struct sockaddr_storage ss;
    socklen_t len;
    memset(&ss, 0, sizeof ss);
    if (n == 4) {
        struct sockaddr_in *a = (struct sockaddr_in *) &ss;
        a->sin_family = AF_INET;
        a->sin_port = htons((uint16_t) port);
        (*env)->GetByteArrayRegion(env, address, 0, 4, (jbyte *) &a->sin_addr);
        len = sizeof *a;
    } else if (n == 16) {
        struct sockaddr_in6 *a = (struct sockaddr_in6 *) &ss;
        a->sin6_family = AF_INET6;
        a->sin6_port = htons((uint16_t) port);
        a->sin6_scope_id = (uint32_t) scope;
        (*env)->GetByteArrayRegion(env, address, 0, 16, (jbyte *) &a->sin6_addr);
        len = sizeof *a;
    } else {
        throw_io(env, "open: address of neither 4 nor 16 bytes", EINVAL);
        return -1;
    }
    int fd = socket(ss.ss_family, SOCK_DGRAM | SOCK_CLOEXEC, 0);
    if (fd < 0) {
        throw_io(env, "socket", errno);
        return -1;
    }
    int one = 1;
    if (reuse_port && setsockopt(fd, SOL_SOCKET, SO_REUSEPORT, &one, sizeof one) != 0) {
        int e = errno;
        close(fd);
        throw_io(env, "setsockopt SO_REUSEPORT", e);
        return -1;
    }
    /* a refused buffer size is not fatal: the kernel caps it at net.core.[rw]mem_max, as for the JDK */
    setsockopt(fd, SOL_SOCKET, SO_RCVBUF, &buffer, sizeof buffer);
    setsockopt(fd, SOL_SOCKET, SO_SNDBUF, &buffer, sizeof buffer);
    if (bind(fd, (struct sockaddr *) &ss, len) != 0) {
        int e = errno;
        close(fd);
        throw_io(env, "bind", e);
        return -1;
    }
    return fd;
}

JNIEXPORT jint JNICALL Java_io_meridian_dns_MmsgNative_localPort(JNIEnv *env, jclass cls, jint fd) {
    (void) cls;
    struct sockaddr_storage ss;
    socklen_t len = sizeof ss;
    if (getsockname(fd, (struct sockaddr *) &ss, &len) != 0) {
        throw_io(env, "getsockname", errno);
        return -1;
    }
    return ss.ss_family == AF_INET6 ? ntohs(((struct sockaddr_in6 *) &ss)->sin6_port)
                                    : ntohs(((struct sockaddr_in *) &ss)->sin_port);
}

JNIEXPORT void JNICALL Java_io_meridian_dns_MmsgNative_close(JNIEnv *env, jclass cls, jint fd) {
    (void) env;
    (void) cls;
    close(fd);
}

JNIEXPORT void JNICALL Java_io_meridian_dns_MmsgNative_shutdown(JNIEnv *env, jclass cls, jint fd) {
    (void) env;
    (void) cls;
    /* ENOTCONN on an unconnected UDP socket, but the receive side is shut and a blocked recvmmsg wakes */
    shutdown(fd, SHUT_RDWR);
}

static void free_ctx(struct ctx *c) {
    free(c->in);
    free(c->out);
    free(c->meta);
    free(c->peers);
    free(c->names);
    free(c->rmsgs);
    free(c->smsgs);
    free(c->riov);
    free(c->siov);
    free(c);
}

JNIEXPORT jlong JNICALL Java_io_meridian_dns_MmsgNative_create(JNIEnv *env, jclass cls, jint fd, jint batch, jint slot,
                                                             jint out_capacity) {
    (void) cls;
    struct ctx *c = calloc(1, sizeof *c);
    if (c == NULL) {
        throw_io(env, "create", ENOMEM);
        return 0;
    }
    c->fd = fd;
    c->batch = batch;
    c->slot = slot;
    c->out_capacity = out_capacity;
    c->in = malloc((size_t) batch * (size_t) slot);
    c->out = malloc((size_t) out_capacity);
    c->meta = calloc((size_t) batch * META_INTS, sizeof(int32_t));
    c->peers = calloc((size_t) batch, PEER_BYTES);
    c->names = calloc((size_t) batch, sizeof(struct sockaddr_storage));
    c->rmsgs = calloc((size_t) batch, sizeof(struct mmsghdr));
    c->smsgs = calloc((size_t) batch, sizeof(struct mmsghdr));
    c->riov = calloc((size_t) batch, sizeof(struct iovec));
    c->siov = calloc((size_t) batch, sizeof(struct iovec));
    if (!c->in || !c->out || !c->meta || !c->peers || !c->names || !c->rmsgs || !c->smsgs || !c->riov || !c->siov) {
        free_ctx(c);
        throw_io(env, "create", ENOMEM);
        return 0;
    }
    return (jlong) (intptr_t) c;
}

JNIEXPORT jobject JNICALL Java_io_meridian_dns_MmsgNative_buffer(JNIEnv *env, jclass cls, jlong handle, jint which) {
    (void) cls;
    struct ctx *c = (struct ctx *) (intptr_t) handle;
    switch (which) {
    case 0:
        return (*env)->NewDirectByteBuffer(env, c->in, (jlong) c->batch * c->slot);
    case 1:
        return (*env)->NewDirectByteBuffer(env, c->out, c->out_capacity);
    case 2:
        return (*env)->NewDirectByteBuffer(env, c->meta, (jlong) c->batch * META_INTS * (jlong) sizeof(int32_t));
    default:
        return (*env)->NewDirectByteBuffer(env, c->peers, (jlong) c->batch * PEER_BYTES);
    }
}

JNIEXPORT jint JNICALL Java_io_meridian_dns_MmsgNative_receive(JNIEnv *env, jclass cls, jlong handle) {
    (void) cls;
    struct ctx *c = (struct ctx *) (intptr_t) handle;
    for (int i = 0; i < c->batch; i++) {
        struct msghdr *h = &c->rmsgs[i].msg_hdr;
        c->riov[i].iov_base = c->in + (size_t) i * c->slot;
        c->riov[i].iov_len = (size_t) c->slot;
        h->msg_name = &c->names[i];
        h->msg_namelen = sizeof c->names[i];
        h->msg_iov = &c->riov[i];
        h->msg_iovlen = 1;
        h->msg_control = NULL;
        h->msg_controllen = 0;
        h->msg_flags = 0;
    }
    int n;
    do {
        n = recvmmsg(c->fd, c->rmsgs, (unsigned int) c->batch, MSG_WAITFORONE, NULL);
    } while (n < 0 && errno == EINTR);
    if (n < 0) {
        throw_io(env, "recvmmsg", errno);
        return -1;
    }
    for (int i = 0; i < n; i++) {
        int32_t *m = c->meta + i * META_INTS;
        unsigned char *p = c->peers + i * PEER_BYTES;
        m[0] = (int32_t) c->rmsgs[i].msg_len;
        struct sockaddr_storage *ss = &c->names[i];
        if (ss->ss_family == AF_INET) {
            struct sockaddr_in *a = (struct sockaddr_in *) ss;
            m[4] = 4;
            m[5] = ntohs(a->sin_port);
            memcpy(p, &a->sin_addr, 4);
        } else {
            struct sockaddr_in6 *a = (struct sockaddr_in6 *) ss;
            m[5] = ntohs(a->sin6_port);
            if (IN6_IS_ADDR_V4MAPPED(&a->sin6_addr)) {
                m[4] = 4;
                memcpy(p, a->sin6_addr.s6_addr + 12, 4);
            } else {
                m[4] = 6;
                memcpy(p, &a->sin6_addr, 16);
            }
        }
    }
    return n;
}

JNIEXPORT jint JNICALL Java_io_meridian_dns_MmsgNative_send(JNIEnv *env, jclass cls, jlong handle, jint count) {
    (void) env;
    (void) cls;
    struct ctx *c = (struct ctx *) (intptr_t) handle;
    int k = 0;
    for (int j = 0; j < count && j < c->batch; j++) {
        int32_t *m = c->meta + j * META_INTS;
        int32_t off = m[1], len = m[2], s = m[3];
        if (off < 0 || len < 0 || len > c->out_capacity - off || s < 0 || s >= c->batch) {
            continue; /* never read outside the buffers, whatever Java wrote */
        }
        struct msghdr *h = &c->smsgs[k].msg_hdr;
        c->siov[k].iov_base = c->out + off;
        c->siov[k].iov_len = (size_t) len;
        h->msg_name = &c->names[s];
        h->msg_namelen = c->rmsgs[s].msg_hdr.msg_namelen;
        h->msg_iov = &c->siov[k];
        h->msg_iovlen = 1;
        h->msg_control = NULL;
        h->msg_controllen = 0;
        h->msg_flags = 0;
        k++;
    }
    int done = 0, sent = 0;
    while (done < k) {
        int r = sendmmsg(c->fd, c->smsgs + done, (unsigned int) (k - done), 0);
        if (r < 0) {
            if (errno == EINTR) {
                continue;
            }
            done++; /* this datagram failed (e.g. EPERM, or EPIPE after shutdown): skip it, send the rest */
        } else if (r == 0) {
            done++; /* not expected for a non-empty vector; never spin */
        } else {
            done += r;
            sent += r;
        }
    }
    return sent;
}

JNIEXPORT void JNICALL Java_io_meridian_dns_MmsgNative_destroy(JNIEnv *env, jclass cls, jlong handle) {
    (void) env;
    (void) cls;
    struct ctx *c = (struct ctx *) (intptr_t) handle;
    close(c->fd);
    free_ctx(c);
}
