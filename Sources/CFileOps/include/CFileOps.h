#ifndef CFILEOPS_H
#define CFILEOPS_H

/// Atomically exchanges the directory entries `from` and `to` (both must exist): Linux's
/// renameat2(RENAME_EXCHANGE), macOS's renamex_np(RENAME_SWAP). Returns 0, or -1 with errno set
/// (EINVAL or ENOSYS where the file system or kernel cannot exchange).
int cfileops_exchange(const char *from, const char *to);

#endif
