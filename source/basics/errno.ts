// The reason behind a failed system call, in the words `ls` or a shell would use, for
// one-line messages: "no space left on device", not "ENOSPC: ..., write" or "write EPIPE".

const reasons: Record<string, string> = {
	EACCES: 'permission denied',
	EPERM: 'operation not permitted',
	ENOENT: 'no such file or directory',
	ENOTDIR: 'a part of the path is not a directory',
	EISDIR: 'it is a directory',
	ENAMETOOLONG: 'file name too long',
	ELOOP: 'too many levels of symbolic links',
	ENOSPC: 'no space left on device',
	EDQUOT: 'disk quota exceeded',
	EFBIG: 'file too large',
	EROFS: 'read-only file system',
	EIO: 'input/output error',
	EPIPE: 'broken pipe',
	ENXIO: 'no such device or address',
	EBUSY: 'device or resource busy',
	ETXTBSY: 'text file busy',
	EMFILE: 'too many open files',
};

/** "no space left on device" for an ENOSPC error; the error's own words for anything else. */
export function reasonOf(error: unknown): string {
	const e = error as NodeJS.ErrnoException | undefined;
	if (e?.code && reasons[e.code]) return reasons[e.code];
	// Node's fs errors read "CODE: what libuv says, syscall 'path'"; keep the middle.
	const message = e instanceof Error ? e.message : String(error);
	return /^[A-Z0-9]+: ([^,]+)/.exec(message)?.[1] ?? message;
}
