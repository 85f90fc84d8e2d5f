// SPDX-License-Identifier: GPL-2.0
/*
 * Console output through the SCLP (service-call logical processor), the
 * console every s390 machine has. Two event types: ASCII console data
 * (QEMU's sclpconsole) and line-mode operator messages in EBCDIC
 * (Hercules' system console, QEMU's sclplmconsole). The write event mask
 * answer tells which ones the machine accepts; we write to all of them.
 */
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "baremetal.h"

#define SCLP_CMD_WRITE_EVENT_DATA	0x00760005
#define SCLP_CMD_WRITE_EVENT_MASK	0x00780005
#define SCLP_RC_NORMAL_COMPLETION	0x0020

#define EVTYP_MSG			0x02	/* line-mode message */
#define EVTYP_ASCII			0x1a	/* ASCII console data */
#define EVTYP_MASK(t)			(0x80000000u >> ((t) - 1))

struct sccb_header {
	uint16_t length;
	uint8_t function_code;
	uint8_t control_mask[3];
	uint16_t response_code;
} __attribute__((packed));

struct write_event_mask {
	struct sccb_header h;
	uint16_t reserved;
	uint16_t mask_length;
	uint32_t cp_receive_mask;
	uint32_t cp_send_mask;
	uint32_t sclp_receive_mask;	/* out: event types SCLP accepts */
	uint32_t sclp_send_mask;
} __attribute__((packed));

struct event_header {
	uint16_t length;
	uint8_t type;
	uint8_t flags;
	uint16_t reserved;
} __attribute__((packed));

/* Line-mode message: message data block with one text object per line. */
struct mdb_header {
	uint16_t length;
	uint16_t type;
	uint32_t tag;			/* EBCDIC "MDB " */
	uint32_t revision_code;
} __attribute__((packed));

struct go_object {			/* general object */
	uint16_t length;
	uint16_t type;
	uint32_t domid;
	uint8_t hhmmss_time[8];
	uint8_t th_time[3];
	uint8_t reserved_0;
	uint8_t dddyyyy_date[7];
	uint8_t reserved_1;
	uint16_t general_msg_flags;
	uint8_t reserved_2[10];
	uint8_t originating_system_name[8];
	uint8_t job_guest_name[8];
} __attribute__((packed));

struct mto_object {			/* message text object */
	uint16_t length;
	uint16_t type;
	uint16_t line_type_flags;
	uint8_t alarm_control;
	uint8_t reserved[3];
} __attribute__((packed));

#define MTO_ENDTEXT	0x1000

static uint8_t sccb_buf[4096] __attribute__((aligned(4096)));
static uint32_t sclp_accepts;

static int sclp_call(uint32_t cmd)
{
	const struct sccb_header *h = (const void *)sccb_buf;

	if (bm_servc(cmd, sccb_buf))
		return -1;
	return h->response_code == SCLP_RC_NORMAL_COMPLETION ? 0 : -1;
}

void sclp_console_init(void)
{
	struct write_event_mask *m = (void *)sccb_buf;

	memset(sccb_buf, 0, sizeof(struct write_event_mask));
	m->h.length = sizeof(*m);
	m->mask_length = sizeof(uint32_t);
	m->cp_send_mask = EVTYP_MASK(EVTYP_MSG) | EVTYP_MASK(EVTYP_ASCII);
	if (sclp_call(SCLP_CMD_WRITE_EVENT_MASK))
		return;
	sclp_accepts = m->sclp_receive_mask & m->cp_send_mask;
}

static void sclp_write_ascii(const char *s, size_t len)
{
	struct sccb_header *h = (void *)sccb_buf;
	struct event_header *ev = (void *)(h + 1);

	memset(sccb_buf, 0, sizeof(*h) + sizeof(*ev));
	memcpy(ev + 1, s, len);
	ev->length = sizeof(*ev) + len;
	ev->type = EVTYP_ASCII;
	h->length = sizeof(*h) + ev->length;
	sclp_call(SCLP_CMD_WRITE_EVENT_DATA);
}

/* One line (without the newline) as a line-mode message, in EBCDIC. */
static void sclp_write_line(const char *s, size_t len)
{
	struct sccb_header *h = (void *)sccb_buf;
	struct event_header *ev = (void *)(h + 1);
	struct mdb_header *mdb = (void *)(ev + 1);
	struct go_object *go = (void *)(mdb + 1);
	struct mto_object *mto = (void *)(go + 1);
	uint8_t *text = (uint8_t *)(mto + 1);
	size_t i;

	memset(sccb_buf, 0, (size_t)(text - sccb_buf));
	for (i = 0; i < len; i++)
		text[i] = ascii_to_ebcdic((unsigned char)s[i]);
	mto->length = sizeof(*mto) + len;
	mto->type = 4;
	mto->line_type_flags = MTO_ENDTEXT;
	go->length = sizeof(*go);
	go->type = 1;
	mdb->length = (uint16_t)(text + len - (uint8_t *)mdb);
	mdb->type = 1;
	mdb->tag = 0xd4c4c240;		/* "MDB " */
	mdb->revision_code = 1;
	ev->length = (uint16_t)(text + len - (uint8_t *)ev);
	ev->type = EVTYP_MSG;
	h->length = (uint16_t)(text + len - sccb_buf);
	sclp_call(SCLP_CMD_WRITE_EVENT_DATA);
}

/* Write one complete line; s has no newline. */
void sclp_console_line(const char *s, size_t len)
{
	if (len > 1024)
		len = 1024;
	if (sclp_accepts & EVTYP_MASK(EVTYP_ASCII)) {
		sclp_write_ascii(s, len);
		sclp_write_ascii("\n", 1);
	}
	if (sclp_accepts & EVTYP_MASK(EVTYP_MSG))
		sclp_write_line(s, len);
}
