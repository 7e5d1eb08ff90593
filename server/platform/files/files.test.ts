import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import multipart from '@fastify/multipart';
import Fastify from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppError } from '../http/errors.ts';
import { checkImages, FileStore, readMultipart, sniffImage, type IncomingFile } from './files.ts';

const JPEG = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10]), Buffer.from('JFIF\0 a small jpeg body')]);
const PNG = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.from('IHDR png body')]);
const WEBP = Buffer.concat([Buffer.from('RIFF'), Buffer.from([0x24, 0, 0, 0]), Buffer.from('WEBPVP8 webp body')]);

const file = (data: Buffer, filename = 'photo.jpg'): IncomingFile => ({ field: 'photos', filename, data });

function caught(fn: () => unknown): AppError {
  try {
    fn();
  } catch (error) {
    if (error instanceof AppError) return error;
    throw error;
  }
  throw new Error('expected an AppError');
}

describe('sniffImage', () => {
  it('recognises JPEG, PNG and WebP by their first bytes', () => {
    expect(sniffImage(JPEG)).toBe('image/jpeg');
    expect(sniffImage(PNG)).toBe('image/png');
    expect(sniffImage(WEBP)).toBe('image/webp');
  });

  it('refuses text, truncated signatures and RIFF files that are not WebP', () => {
    expect(sniffImage(Buffer.from('hello, this is not a picture'))).toBeNull();
    expect(sniffImage(Buffer.from([0xff, 0xd8]))).toBeNull();
    expect(sniffImage(PNG.subarray(0, 7))).toBeNull();
    expect(sniffImage(Buffer.concat([Buffer.from('RIFF'), Buffer.from([0, 0, 0, 0]), Buffer.from('WAVEfmt ')]))).toBeNull();
    expect(sniffImage(Buffer.alloc(0))).toBeNull();
  });
});

describe('checkImages', () => {
  const limits = { maxBytes: 1024, maxFiles: 2 };

  it('returns type, size and sha256 of each accepted file', () => {
    const [checked] = checkImages([file(PNG, 'named-like-a.jpg')], limits);
    expect(checked).toMatchObject({ mime: 'image/png', size: PNG.length, filename: 'named-like-a.jpg' });
    expect(checked!.hash).toMatch(/^[0-9a-f]{64}$/);
  });

  it('refuses a text file renamed to .jpg with 415', () => {
    const error = caught(() => checkImages([file(JPEG), file(Buffer.from('plain text'), 'renamed.jpg')], limits));
    expect(error.status).toBe(415);
    expect(error.message).toContain('renamed.jpg');
  });

  it('refuses a file over the size limit with 413', () => {
    const big = Buffer.concat([JPEG, Buffer.alloc(2000)]);
    expect(caught(() => checkImages([file(big)], limits)).status).toBe(413);
  });

  it('refuses more files than allowed with 413', () => {
    const error = caught(() => checkImages([file(JPEG), file(PNG), file(WEBP)], limits));
    expect(error.status).toBe(413);
    expect(error.message).toContain('2');
  });
});

describe('FileStore', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'gongzhi-files-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('stores a file under uploads/sha256/ab/cd/<hash> once, however often it is put', async () => {
    const store = new FileStore(dir);
    const [checked] = checkImages([file(JPEG)], { maxBytes: 1024, maxFiles: 1 });
    const first = await store.put(checked!);
    const again = await store.put(checked!);
    expect(again).toEqual(first);
    const path = store.pathOf(first.hash);
    expect(relative(dir, path)).toBe(join('uploads', 'sha256', first.hash.slice(0, 2), first.hash.slice(2, 4), first.hash));
    expect(readFileSync(path).equals(JPEG)).toBe(true);
    expect(readdirSync(join(path, '..'))).toEqual([first.hash]);
    expect((await store.read(first.hash))?.equals(JPEG)).toBe(true);
    expect(await store.read('0'.repeat(64))).toBeNull();
  });

  it('refuses a path that is not a hash', () => {
    expect(() => new FileStore(dir).pathOf('../../etc/passwd')).toThrow(RangeError);
  });
});

/** A multipart body as a browser would send it. */
async function multipartBody(fields: Record<string, string>, files: { name: string; data: Buffer; type?: string }[], field = 'photos') {
  const form = new FormData();
  for (const [key, value] of Object.entries(fields)) form.append(key, value);
  for (const f of files) form.append(field, new Blob([new Uint8Array(f.data)], { type: f.type ?? 'image/jpeg' }), f.name);
  const response = new Response(form);
  return { payload: Buffer.from(await response.arrayBuffer()), headers: { 'content-type': response.headers.get('content-type')! } };
}

describe('readMultipart', () => {
  const limits = { maxBytes: 1024, maxFiles: 2 };
  const app = Fastify();
  beforeAll(async () => {
    await app.register(multipart, { limits: { fileSize: 10 * 1024 * 1024, files: 6 } });
    app.post('/upload', async (request, reply) => {
      try {
        const { fields, files } = await readMultipart(request, limits);
        return { fields, files: files.map((f) => ({ name: f.filename, size: f.data.length })) };
      } catch (error) {
        if (error instanceof AppError) return reply.status(error.status).send(error.toBody());
        throw error;
      }
    });
    await app.ready();
  });
  afterAll(() => app.close());

  it('collects fields and files without writing anything', async () => {
    const body = await multipartBody({ description: '路灯不亮', lat: '30.9' }, [{ name: 'a.jpg', data: JPEG }]);
    const res = await app.inject({ method: 'POST', url: '/upload', ...body });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ fields: { description: '路灯不亮', lat: '30.9' }, files: [{ name: 'a.jpg', size: JPEG.length }] });
  });

  it('refuses one file more than the limit with 413 and a clear message', async () => {
    const body = await multipartBody({}, [1, 2, 3].map((i) => ({ name: `${i}.jpg`, data: JPEG })));
    const res = await app.inject({ method: 'POST', url: '/upload', ...body });
    expect(res.statusCode).toBe(413);
    expect(res.json().error.message).toContain('最多上传 2 张照片');
  });

  it('refuses a file over the size limit with 413', async () => {
    const body = await multipartBody({}, [{ name: 'big.jpg', data: Buffer.concat([JPEG, Buffer.alloc(4096)]) }]);
    const res = await app.inject({ method: 'POST', url: '/upload', ...body });
    expect(res.statusCode).toBe(413);
    expect(res.json().error.code).toBe('payload_too_large');
  });
});
