#!/usr/bin/env python3
"""A second reader of the segment format, written from docs/segment-format.md alone (standard library only).

Usage: reference-reader.py SEGMENT_FILE  ->  JSON on stdout: header and records (bytes as hex, null as null).
Exit 1 with a message on stderr when any check of the documented read order fails.
"""
import gzip
import hashlib
import json
import struct
import sys

MAGIC = bytes([0x4B, 0x42, 0x53, 0x45, 0x47, 0x0D, 0x0A, 0x1A])
COMPRESSIONS = ["none", "gzip", "snappy", "lz4", "zstd"]


def _table():
    table = []
    for n in range(256):
        c = n
        for _ in range(8):
            c = (c >> 1) ^ 0x82F63B78 if c & 1 else c >> 1
        table.append(c)
    return table


TABLE = _table()


def crc32c(data, crc=0):
    crc ^= 0xFFFFFFFF
    for b in data:
        crc = TABLE[(crc ^ b) & 0xFF] ^ (crc >> 8)
    return crc ^ 0xFFFFFFFF


class Damage(Exception):
    pass


def read(data):
    if data[:8] != MAGIC:
        raise Damage("not a segment")
    version, header_length, flags, codec, reserved = struct.unpack_from(">HIHBB", data, 8)
    if header_length > len(data) or struct.unpack_from(">I", data, header_length - 4)[0] != crc32c(data[: header_length - 4]):
        raise Damage("header")
    if version != 1 or flags != 0 or codec not in (0, 1) or reserved != 0:
        raise Damage("version/flags/codec")
    partition, first, last, count, blocks, ulen, clen, created = struct.unpack_from(">iqqIIQQq", data, 18)
    pos = 70
    (tlen,) = struct.unpack_from(">H", data, pos)
    topic = data[pos + 2 : pos + 2 + tlen].decode("utf-8")
    pos += 2 + tlen
    (mlen,) = struct.unpack_from(">H", data, pos)
    migration = data[pos + 2 : pos + 2 + mlen].decode("utf-8")
    if pos + 2 + mlen != header_length - 4:
        raise Damage("header lengths")
    if len(data) != header_length + clen + 72:
        raise Damage("object size")
    pos = header_length
    body_end = header_length + clen
    located = []
    for _ in range(blocks):
        b_ulen, b_clen, b_first, b_count, b_crc = struct.unpack_from(">IIqII", data, pos)
        end = pos + 24 + b_clen
        if end > body_end or crc32c(data[pos + 24 : end], crc32c(data[pos : pos + 20])) != b_crc:
            raise Damage("block at byte %d" % pos)
        located.append((pos + 24, end, b_ulen, b_first, b_count))
        pos = end
    if pos != body_end:
        raise Damage("body length")
    if hashlib.sha256(data[:-32]).digest() != data[-32:] or data[body_end : body_end + 8] != b"KBSEGEND":
        raise Damage("trailer")
    content = hashlib.sha256()
    records = []
    for start, end, b_ulen, b_first, b_count in located:
        plain = gzip.decompress(data[start:end]) if codec == 1 else data[start:end]
        if len(plain) != b_ulen:
            raise Damage("block length")
        content.update(plain)
        p = 0
        batch = None
        block_records = []
        while p < len(plain):
            (length,) = struct.unpack_from(">I", plain, p)
            p += 4
            end_record = p + length
            rflags, offset, timestamp = struct.unpack_from(">Bqq", plain, p)
            p += 17
            mode = (rflags >> 1) & 3
            if mode == 2:
                base, delta, pid, epoch, seq, txn, comp = struct.unpack_from(">qiqhiBB", plain, p)
                p += 28
                batch = {"baseOffset": base, "lastOffsetDelta": delta, "producerId": pid, "producerEpoch": epoch,
                         "baseSequence": seq, "transactional": txn == 1, "compression": COMPRESSIONS[comp]}
            elif mode == 0:
                batch = None
            elif mode == 1 and batch is None:
                raise Damage("same-batch record without a batch")

            def take(p):
                (n,) = struct.unpack_from(">i", plain, p)
                if n == -1:
                    return None, p + 4
                return plain[p + 4 : p + 4 + n].hex(), p + 4 + n

            key, p = take(p)
            value, p = take(p)
            (hcount,) = struct.unpack_from(">I", plain, p)
            p += 4
            headers = []
            for _ in range(hcount):
                (klen,) = struct.unpack_from(">I", plain, p)
                hkey = plain[p + 4 : p + 4 + klen].decode("utf-8")
                hvalue, p = take(p + 4 + klen)
                headers.append({"key": hkey, "value": hvalue})
            if p != end_record:
                raise Damage("record length")
            record = {"offset": offset, "timestamp": timestamp,
                      "timestampType": "LogAppendTime" if rflags & 1 else "CreateTime",
                      "key": key, "value": value, "headers": headers}
            if batch is not None:
                record["batch"] = batch
            block_records.append(record)
        if len(block_records) != b_count or block_records[0]["offset"] != b_first:
            raise Damage("block count/first offset")
        records.extend(block_records)
    offsets = [r["offset"] for r in records]
    if any(b <= a for a, b in zip(offsets, offsets[1:])) or len(records) != count:
        raise Damage("offsets")
    if records and (offsets[0] != first or offsets[-1] != last):
        raise Damage("header offsets")
    if content.digest() != data[body_end + 8 : body_end + 40]:
        raise Damage("content digest")
    return {"topic": topic, "partition": partition, "migrationId": migration, "firstOffset": first,
            "lastOffset": last, "recordCount": count, "blockCount": blocks, "createdAtMs": created,
            "codec": ["none", "gzip"][codec], "records": records}


if __name__ == "__main__":
    with open(sys.argv[1], "rb") as f:
        blob = f.read()
    try:
        print(json.dumps(read(blob)))
    except Damage as e:
        print("damaged: %s" % e, file=sys.stderr)
        sys.exit(1)
