import { hash, randomBytes } from 'node:crypto';
import { mkdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { FastifyRequest } from 'fastify';
import { nulRefused } from '../http/nul.ts';
import { AppError } from '../http/errors.ts';

/**
 * Uploaded files (photos of cases): recognised by their bytes, never by their name or declared
 * type; limited in size and number; stored content-addressed under the data directory
 * (`<dataDir>/uploads/sha256/ab/cd/<hash>`), so the same photo is kept once however often it is
 * sent. A request is read into memory and checked whole before anything is written: a refused
 * upload stores nothing.
 */

export const IMAGE_TYPES = ['image/jpeg', 'image/png', 'image/webp'] as const;
export type ImageMime = (typeof IMAGE_TYPES)[number];

export interface UploadLimits {
  maxBytes: number;
  maxFiles: number;
}

export interface IncomingFile {
  field: string;
  filename: string;
  data: Buffer;
}

export interface StoredFile {
  hash: string;
  mime: ImageMime;
  size: number;
}

export interface CheckedFile extends StoredFile {
  data: Buffer;
  filename: string;
}

const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

function startsWith(bytes: Uint8Array, signature: readonly number[], offset = 0): boolean {
  if (bytes.length < offset + signature.length) return false;
  return signature.every((b, i) => bytes[offset + i] === b);
}

const ascii = (text: string) => [...text].map((c) => c.charCodeAt(0));

/** The image type of these bytes by their magic number: JPEG, PNG or WebP; null for anything else. */
export function sniffImage(bytes: Uint8Array): ImageMime | null {
  if (startsWith(bytes, [0xff, 0xd8, 0xff])) return 'image/jpeg';
  if (startsWith(bytes, PNG_SIGNATURE)) return 'image/png';
  if (startsWith(bytes, ascii('RIFF')) && startsWith(bytes, ascii('WEBP'), 8)) return 'image/webp';
  return null;
}

export function sha256Hex(data: Uint8Array): string {
  return hash('sha256', data);
}

const MB = 1024 * 1024;

export const tooManyFiles = (max: number) =>
  new AppError(413, 'payload_too_large', `最多上传 ${max} 张照片 At most ${max} photos may be uploaded`, [{ path: 'photos', message: `more than ${max} files` }]);

export const fileTooLarge = (maxBytes: number, name?: string) =>
  new AppError(413, 'payload_too_large', `每张照片不能超过 ${maxBytes / MB} MB Each photo must be at most ${maxBytes / MB} MB`, [
    { path: 'photos', message: name ? `${name} is larger than ${maxBytes} bytes` : `a file is larger than ${maxBytes} bytes` },
  ]);

/**
 * Check every file of a request: count, size, and type by content. Throws the first problem as an
 * AppError (413 too many or too large, 415 not an image); returns the files with hash and type.
 */
export function checkImages(files: readonly IncomingFile[], limits: UploadLimits): CheckedFile[] {
  if (files.length > limits.maxFiles) throw tooManyFiles(limits.maxFiles);
  return files.map((file) => {
    if (file.data.length > limits.maxBytes) throw fileTooLarge(limits.maxBytes, file.filename);
    if (file.data.length === 0) {
      throw new AppError(400, 'validation_failed', `文件「${file.filename}」是空的 The file is empty`, [{ path: file.field, message: 'empty file' }]);
    }
    const mime = sniffImage(file.data);
    if (!mime) {
      throw new AppError(415, 'unsupported_media_type', `「${file.filename}」不是 JPEG、PNG 或 WebP 图片 Only JPEG, PNG and WebP images are accepted`, [
        { path: file.field, message: `${file.filename} is not a JPEG, PNG or WebP image` },
      ]);
    }
    return { data: file.data, filename: file.filename, hash: sha256Hex(file.data), mime, size: file.data.length };
  });
}

/** Content-addressed storage under `<dataDir>/uploads/sha256/`. */
export class FileStore {
  readonly root: string;

  constructor(dataDir: string) {
    this.root = join(dataDir, 'uploads', 'sha256');
  }

  pathOf(hash: string): string {
    if (!/^[0-9a-f]{64}$/.test(hash)) throw new RangeError(`not a sha256 hash: ${hash}`);
    return join(this.root, hash.slice(0, 2), hash.slice(2, 4), hash);
  }

  /** Write a checked file unless it is already stored; the write is atomic (temporary file, then rename). */
  async put(file: CheckedFile): Promise<StoredFile> {
    const target = this.pathOf(file.hash);
    if (!(await exists(target))) {
      const dir = join(target, '..');
      await mkdir(dir, { recursive: true });
      const temporary = join(dir, `.${file.hash}.${randomBytes(6).toString('hex')}.tmp`);
      try {
        await writeFile(temporary, file.data, { flag: 'wx' });
        await rename(temporary, target);
      } catch (error) {
        await rm(temporary, { force: true });
        throw error;
      }
    }
    return { hash: file.hash, mime: file.mime, size: file.size };
  }

  async putAll(files: readonly CheckedFile[]): Promise<StoredFile[]> {
    const stored: StoredFile[] = [];
    for (const file of files) stored.push(await this.put(file));
    return stored;
  }

  /** The stored bytes, or null when there is no such file. */
  async read(hash: string): Promise<Buffer | null> {
    try {
      return await readFile(this.pathOf(hash));
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
      throw error;
    }
  }
}

async function exists(path: string): Promise<boolean> {
  try {
    await stat(path);
    return true;
  } catch {
    return false;
  }
}

export interface MultipartContent {
  fields: Record<string, string>;
  files: IncomingFile[];
}

/**
 * Read a whole multipart request into memory: text fields and files (each at most `maxBytes`, at
 * most `maxFiles`). Nothing is written; the caller checks the files (`checkImages`) and stores them
 * only once the whole request is valid. A repeated text field keeps its last value.
 */
export async function readMultipart(request: FastifyRequest, limits: UploadLimits): Promise<MultipartContent> {
  const fields: Record<string, string> = Object.create(null) as Record<string, string>;
  const files: IncomingFile[] = [];
  try {
    // One more file than allowed is let through here so that the 7th photo is refused with our message.
    for await (const part of request.parts({ limits: { fileSize: limits.maxBytes, files: limits.maxFiles + 1, fields: 50, fieldSize: 64 * 1024 } })) {
      if (part.type === 'file') {
        if (files.length >= limits.maxFiles) {
          part.file.resume();
          throw tooManyFiles(limits.maxFiles);
        }
        const data = await part.toBuffer();
        // An empty file input in a browser form arrives as a part with no name and no bytes.
        if (data.length === 0 && part.filename === '') continue;
        files.push({ field: part.fieldname, filename: part.filename || 'file', data });
      } else if (typeof part.value === 'string') {
        if (part.value.includes('\u0000')) throw nulRefused(part.fieldname);
        fields[part.fieldname] = part.value;
      }
    }
  } catch (error) {
    throw multipartError(error, limits);
  }
  return { fields, files };
}

/**
 * What went wrong while reading any multipart body: a refusal that already carries a 4xx (ours, or
 * the upload plugin's) keeps it; what the parser reports about the body itself (a missing or wrong
 * boundary, a body cut short) becomes a 400 rather than a 500.
 */
export function multipartFailure(error: unknown): unknown {
  if (error instanceof AppError) return error;
  const status = (error as { statusCode?: number }).statusCode;
  if (status !== undefined && status < 500) return error;
  return new AppError(400, 'bad_request', '上传的表单数据不完整或格式错误 The multipart form data is malformed or cut short', [
    { message: error instanceof Error ? error.message : String(error) },
  ]);
}

/** A photo upload's failures: its limits in the words of photos, anything else as `multipartFailure`. */
function multipartError(error: unknown, limits: UploadLimits): unknown {
  if (error instanceof AppError) return error;
  const code = (error as { code?: string }).code;
  switch (code) {
    case 'FST_REQ_FILE_TOO_LARGE':
      return fileTooLarge(limits.maxBytes);
    case 'FST_FILES_LIMIT':
      return tooManyFiles(limits.maxFiles);
    case 'FST_PARTS_LIMIT':
    case 'FST_FIELDS_LIMIT':
      return new AppError(413, 'payload_too_large', '表单字段过多 Too many form fields');
    case 'FST_INVALID_MULTIPART_CONTENT_TYPE':
      return new AppError(415, 'unsupported_media_type', '应为 multipart/form-data Expected multipart/form-data');
    case 'FST_PROTO_VIOLATION':
      return new AppError(400, 'validation_failed', '表单字段名不合法 Invalid form field name');
    default:
      return multipartFailure(error);
  }
}
