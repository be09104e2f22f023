//! A writer that keeps the pieces of a report it is given and hands them to the file with
//! one `writev` each few hundred kilobytes, instead of copying each into a buffer first.
//!
//! `check` renders each file's report as a `String` of tens of kilobytes and is done with
//! it once written. Through a `BufWriter`, every byte of a 16 MB report was copied twice
//! (into the buffer, then by the kernel): 16 M instructions of `memcpy` in the 1,000-file
//! run, on cores that share one memory bus. Here a report the caller owns is kept as it
//! is until enough have gathered; only the small borrowed pieces (separators, the opening
//! and closing brackets) are copied.

use std::io::{self, IoSlice, Write};

/// How much is gathered before it is written: few system calls, little memory.
const GATHER_BYTES: usize = 256 << 10;

/// How many pieces at most go into one `writev` (the system takes up to 1,024).
const GATHER_PIECES: usize = 64;

/// Borrowed pieces under this size are appended to the last piece copied here.
const SMALL: usize = 4 << 10;

pub(super) struct Gather<W: Write> {
    inner: W,
    pieces: Vec<Vec<u8>>,
    queued: usize,
    /// Whether the last piece was copied here (so more small bytes may join it), rather
    /// than handed over by the caller.
    last_is_copy: bool,
}

impl<W: Write> Gather<W> {
    pub(super) fn new(inner: W) -> Gather<W> {
        Gather {
            inner,
            pieces: Vec::with_capacity(GATHER_PIECES),
            queued: 0,
            last_is_copy: false,
        }
    }

    /// Queues a copy of `bytes`; returns how many bytes were handed to the file by this
    /// call (0 until enough have gathered).
    pub(super) fn write_all(&mut self, bytes: &[u8]) -> io::Result<usize> {
        if bytes.is_empty() {
            return Ok(0);
        }
        if bytes.len() >= GATHER_BYTES {
            // A whole document at once (a workbook, a matrix): written as it is, after
            // what is queued, rather than copied first.
            let handed = self.flush()?;
            self.inner.write_all(bytes)?;
            return Ok(handed + bytes.len());
        }
        match self.pieces.last_mut() {
            // Joined to the last piece where that copies only `bytes`: a piece copied here
            // while it is small, or one handed over with room to spare (a rendered report
            // usually has some), never growing it.
            Some(last)
                if (self.last_is_copy && last.len() + bytes.len() <= SMALL)
                    || last.capacity() - last.len() >= bytes.len() =>
            {
                last.extend_from_slice(bytes);
            }
            _ => {
                // Room for the separators and brackets that follow, without growing.
                let mut copy = Vec::with_capacity(bytes.len().max(256));
                copy.extend_from_slice(bytes);
                self.pieces.push(copy);
                self.last_is_copy = true;
            }
        }
        self.queued += bytes.len();
        self.write_if_full()
    }

    /// Queues `bytes` without copying them; returns how many bytes were handed to the file
    /// by this call.
    pub(super) fn write_owned(&mut self, bytes: Vec<u8>) -> io::Result<usize> {
        if bytes.is_empty() {
            return Ok(0);
        }
        self.queued += bytes.len();
        self.pieces.push(bytes);
        self.last_is_copy = false;
        self.write_if_full()
    }

    fn write_if_full(&mut self) -> io::Result<usize> {
        if self.queued >= GATHER_BYTES || self.pieces.len() >= GATHER_PIECES {
            self.flush()
        } else {
            Ok(0)
        }
    }

    /// Hands every queued piece to the file; returns how many bytes that was.
    pub(super) fn flush(&mut self) -> io::Result<usize> {
        let mut slices: Vec<IoSlice> = self.pieces.iter().map(|p| IoSlice::new(p)).collect();
        let mut rest = &mut slices[..];
        while !rest.is_empty() {
            match self.inner.write_vectored(rest) {
                Ok(0) => {
                    return Err(io::Error::new(
                        io::ErrorKind::WriteZero,
                        "the file took no more bytes",
                    ));
                }
                Ok(n) => IoSlice::advance_slices(&mut rest, n),
                Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
                Err(e) => return Err(e),
            }
        }
        let written = self.queued;
        self.pieces.clear();
        self.queued = 0;
        self.last_is_copy = false;
        Ok(written)
    }

    pub(super) fn get_ref(&self) -> &W {
        &self.inner
    }

    /// The file, once everything queued has been handed to it.
    pub(super) fn into_inner(mut self) -> io::Result<W> {
        self.flush()?;
        Ok(self.inner)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A file that takes at most `most` bytes per call, as a pipe or a full disk may.
    struct Stingy {
        bytes: Vec<u8>,
        most: usize,
        calls: usize,
    }

    impl Write for Stingy {
        fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
            self.write_vectored(&[IoSlice::new(buf)])
        }

        fn write_vectored(&mut self, bufs: &[IoSlice<'_>]) -> io::Result<usize> {
            self.calls += 1;
            if self.calls.is_multiple_of(3) {
                return Err(io::ErrorKind::Interrupted.into());
            }
            let mut taken = 0;
            for b in bufs {
                let n = b.len().min(self.most - taken);
                self.bytes.extend_from_slice(&b[..n]);
                taken += n;
                if taken == self.most {
                    break;
                }
            }
            Ok(taken)
        }

        fn flush(&mut self) -> io::Result<()> {
            Ok(())
        }
    }

    /// Whatever the mix of borrowed and owned pieces, their sizes and how little the file
    /// takes per call, the file ends up with the pieces in order, and the bytes reported as
    /// handed over add up to them.
    #[test]
    fn the_file_gets_every_piece_in_order() {
        for most in [1, 7, 4096, 1 << 20] {
            let mut gather = Gather::new(Stingy {
                bytes: Vec::new(),
                most,
                calls: 0,
            });
            let mut expected = Vec::new();
            let mut handed = 0;
            for i in 0..400usize {
                let size = (i * 7919) % 9000;
                // Some pieces come with room to spare, as a rendered report does.
                let mut piece = Vec::with_capacity(size + (i % 3) * 8);
                piece.extend((0..size).map(|k| (k + i) as u8));
                expected.extend_from_slice(b",\n");
                handed += gather.write_all(b",\n").unwrap();
                if i == 200 {
                    // A whole document borrowed at once, larger than what is gathered.
                    let big: Vec<u8> = (0..GATHER_BYTES + 3).map(|k| k as u8).collect();
                    expected.extend_from_slice(&big);
                    handed += gather.write_all(&big).unwrap();
                }
                expected.extend_from_slice(&piece);
                handed += if i % 5 == 0 {
                    gather.write_all(&piece).unwrap()
                } else {
                    gather.write_owned(piece).unwrap()
                };
            }
            handed += gather.flush().unwrap();
            assert_eq!(handed, expected.len(), "bytes reported, {most} per call");
            let file = gather.into_inner().unwrap();
            let first = file.bytes.iter().zip(&expected).position(|(a, b)| a != b);
            assert!(
                file.bytes == expected,
                "{most} per call: {} bytes for {}, first difference at {first:?}",
                file.bytes.len(),
                expected.len()
            );
        }
    }

    #[test]
    fn a_file_that_takes_nothing_is_an_error() {
        struct Full;
        impl Write for Full {
            fn write(&mut self, _: &[u8]) -> io::Result<usize> {
                Ok(0)
            }
            fn flush(&mut self) -> io::Result<()> {
                Ok(())
            }
        }
        let mut gather = Gather::new(Full);
        gather.write_owned(vec![1; 10]).unwrap();
        assert_eq!(gather.flush().unwrap_err().kind(), io::ErrorKind::WriteZero);
    }
}
