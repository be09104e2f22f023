//! Where a command's output goes, and how it gets there safely.
//!
//! - The terminal (stdout) is written through [`stdout`], never `println!`: a closed pipe
//!   (`acquis validate | head -1`) ends the output quietly, and any other failed write (a
//!   full disk) is reported and ends the command with exit 2 — `println!` would panic.
//! - An output file that is a device or a FIFO (`-o /dev/null`) is written directly, never
//!   replaced by a regular file. A regular file is written to a temporary file created
//!   with `O_EXCL` beside it (so no other user can plant it, as they could a predictable
//!   name in `$TMPDIR`), given the permissions of the file it replaces, and renamed over the
//!   target only when complete. Ctrl-C or SIGTERM removes the temporary files.
//! - No output path may be one of the command's inputs, even with `--force`.

use rayon::prelude::*;
use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::sync::atomic::{AtomicBool, Ordering};

use super::RuleSource;
use super::failure::{Failure, Target};
use super::gather::Gather;

/// Set once stdout's reader has gone (`| head`): later output is dropped unwritten.
static PIPE_CLOSED: AtomicBool = AtomicBool::new(false);

/// Writes `text` to stdout, with control characters made visible (see
/// [`crate::diagnostic::terminal_safe`]): whatever the format, what reaches a terminal cannot
/// drive it. A closed pipe is not an error (the reader has what it wanted); any other
/// failure is reported once and is exit 2.
pub(super) fn stdout(text: &str) -> Result<(), Failure> {
    if PIPE_CLOSED.load(Ordering::Relaxed) {
        return Ok(());
    }
    let text = crate::diagnostic::terminal_safe(text);
    let mut out = io::stdout().lock();
    // Flushed at once so a failure is seen here, not lost when the process exits.
    match out.write_all(text.as_bytes()).and_then(|()| out.flush()) {
        Ok(()) => Ok(()),
        Err(e) if e.kind() == io::ErrorKind::BrokenPipe => {
            PIPE_CLOSED.store(true, Ordering::Relaxed);
            Ok(())
        }
        Err(error) => Err(Failure::Write {
            target: Target::Stdout,
            error,
        }),
    }
}

/// The width text for people is wrapped to: `COLUMNS` when set (so a script or a test can
/// choose), else the width of the terminal stdout is, else 80 columns (a file or a pipe,
/// read later in an editor or a mail). Never under 40, where wrapping would only get in
/// the way.
pub(crate) fn text_width() -> usize {
    let columns = std::env::var("COLUMNS")
        .ok()
        .and_then(|c| c.trim().parse::<usize>().ok())
        .filter(|c| *c > 0);
    let terminal = || terminal_size::terminal_size_of(io::stdout()).map(|(w, _)| usize::from(w.0));
    columns.or_else(terminal).unwrap_or(80).max(40)
}

/// `eprintln!` that never panics: a message to a closed or full stderr
/// (`acquis validate x 2>&1 | head -1`) is dropped, and the exit code still says what happened.
macro_rules! errln {
    ($($arg:tt)*) => {{
        use std::io::Write as _;
        let _ = writeln!(std::io::stderr().lock(), $($arg)*);
    }};
}
pub(crate) use errln;

/// `println!` through [`stdout`]: evaluates to `Result<(), Failure>`.
macro_rules! outln {
    ($($arg:tt)*) => {
        $crate::cli::output::stdout(&format!("{}\n", format_args!($($arg)*)))
    };
}
pub(crate) use outln;

/// An output file being written; it replaces its target only on [`OutputFile::commit`],
/// and a dropped, uncommitted one leaves the target as it was.
pub(super) struct OutputFile {
    target: PathBuf,
    kind: Kind,
}

enum Kind {
    /// A device or FIFO, written in place.
    Direct(io::BufWriter<std::fs::File>),
    /// A regular file: the temporary file beside it, on the cleanup list while it exists.
    Staged(Gather<tempfile::NamedTempFile>, Registration, WriteBack),
}

/// Write-back of a temporary file started while it is being written.
///
/// The file must be on disk before it replaces its target (`sync_all` in
/// [`OutputFile::commit`]: a power cut never leaves half a report). Left to that final
/// sync, writing out a 16 MB report took 50–55 ms after all the work was done; asking the
/// kernel to start writing each few megabytes as they come lets the disk work while the
/// next files are evaluated, and leaves the final sync the last megabytes and the journal.
#[derive(Default)]
struct WriteBack {
    /// Bytes handed to the file whose write-back has been started.
    started: u64,
    /// Bytes handed to the file since.
    pending: u64,
}

impl WriteBack {
    /// Counts `handed` more bytes in `file`, and starts their write-back once there are
    /// enough.
    fn note(&mut self, file: &std::fs::File, handed: usize) {
        self.pending += handed as u64;
        if self.pending >= WRITE_BACK_EVERY {
            start_write_back(file, self.started, self.pending);
            self.started += self.pending;
            self.pending = 0;
        }
    }
}

/// How much written data starts a write-back: large enough that the system calls cost
/// nothing beside the writing, small enough that little is left for the final sync.
const WRITE_BACK_EVERY: u64 = 1 << 20;

impl OutputFile {
    pub(super) fn create(target: &Path) -> io::Result<OutputFile> {
        let existing = std::fs::metadata(target);
        if let Ok(meta) = &existing {
            if meta.is_dir() {
                return Err(io::Error::other("it is a folder"));
            }
            if !meta.is_file() {
                // No create, no truncate: a device or FIFO stays what it is.
                let file = std::fs::OpenOptions::new().write(true).open(target)?;
                return Ok(OutputFile {
                    target: target.to_path_buf(),
                    kind: Kind::Direct(io::BufWriter::with_capacity(OUTPUT_BUFFER, file)),
                });
            }
        }
        let dir = target
            .parent()
            .filter(|p| !p.as_os_str().is_empty())
            .unwrap_or(Path::new("."));
        let name = target
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        install_cleanup();
        let prefix = format!(".{name}.");
        let mut builder = tempfile::Builder::new();
        builder.prefix(&prefix).suffix(".acquis-tmp");
        #[cfg(unix)]
        if existing.is_err() {
            // A new file gets the usual permissions (0666 less the umask), not tempfile's 0600.
            use std::os::unix::fs::PermissionsExt;
            builder.permissions(std::fs::Permissions::from_mode(0o666));
        }
        let temp = builder.tempfile_in(dir)?;
        let registration = Registration::new(temp.path());
        if let Ok(meta) = &existing {
            temp.as_file().set_permissions(meta.permissions())?;
        }
        Ok(OutputFile {
            target: target.to_path_buf(),
            kind: Kind::Staged(Gather::new(temp), registration, WriteBack::default()),
        })
    }

    pub(super) fn write_all(&mut self, bytes: &[u8]) -> io::Result<()> {
        match &mut self.kind {
            Kind::Direct(f) => f.write_all(bytes),
            Kind::Staged(f, _, back) => {
                let handed = f.write_all(bytes)?;
                back.note(f.get_ref().as_file(), handed);
                Ok(())
            }
        }
    }

    /// [`OutputFile::write_all`] of bytes the file may keep until it writes them: a
    /// rendered report is handed over, not copied (`cli/gather.rs`).
    pub(super) fn write_owned(&mut self, bytes: Vec<u8>) -> io::Result<()> {
        match &mut self.kind {
            Kind::Direct(f) => f.write_all(&bytes),
            Kind::Staged(f, _, back) => {
                let handed = f.write_owned(bytes)?;
                back.note(f.get_ref().as_file(), handed);
                Ok(())
            }
        }
    }

    /// Completes the file: flushed, synced and renamed over the target.
    pub(super) fn commit(self) -> io::Result<()> {
        let OutputFile { target, kind } = self;
        match kind {
            Kind::Direct(mut f) => f.flush(),
            Kind::Staged(f, _registration, _) => {
                let temp = f.into_inner()?;
                temp.as_file().sync_all()?;
                temp.persist(&target).map(drop).map_err(|e| e.error)
            }
        }
    }
}

/// The buffer in front of a device or FIFO: a report is written in pieces of a few to
/// tens of kilobytes, and each system call copies at least this much.
const OUTPUT_BUFFER: usize = 64 << 10;

/// Starts writing `len` bytes of `file` from `offset` to disk, without waiting for it
/// (Linux `sync_file_range`, the kernel's own write-back, nothing more: durability still
/// comes from the final `sync_all`). Elsewhere, and if the call fails, the final sync does
/// all of it, as it did before.
#[cfg(target_os = "linux")]
fn start_write_back(file: &std::fs::File, offset: u64, len: u64) {
    use std::os::fd::AsRawFd;
    let (Ok(offset), Ok(len)) = (i64::try_from(offset), i64::try_from(len)) else {
        return;
    };
    // SAFETY: sync_file_range takes a file descriptor and integers and touches no memory
    // of this process; the descriptor is open for as long as `file` is borrowed.
    let _ = unsafe {
        libc::sync_file_range(file.as_raw_fd(), offset, len, libc::SYNC_FILE_RANGE_WRITE)
    };
}

#[cfg(not(target_os = "linux"))]
fn start_write_back(_file: &std::fs::File, _offset: u64, _len: u64) {}

/// Writes `bytes` to `target` as one [`OutputFile`].
pub(super) fn write_file(target: &Path, bytes: &[u8]) -> io::Result<()> {
    let mut file = OutputFile::create(target)?;
    file.write_all(bytes)?;
    file.commit()
}

/// The temporary files being written, removed by the Ctrl-C/SIGTERM handler.
static TEMPORARY: Mutex<Vec<PathBuf>> = Mutex::new(Vec::new());

/// Installs the handler the first time a temporary file is made, so commands that only
/// print keep the default behaviour. ctrlc runs it on its own thread, where taking the
/// lock and removing files is safe (it would not be inside a signal handler).
fn install_cleanup() {
    static INSTALLED: std::sync::Once = std::sync::Once::new();
    INSTALLED.call_once(|| {
        let _ = ctrlc::set_handler(|| {
            let temps = TEMPORARY.lock().unwrap_or_else(|e| e.into_inner());
            for path in temps.iter() {
                let _ = std::fs::remove_file(path);
            }
            std::process::exit(130);
        });
    });
}

/// A temporary file's place on the cleanup list; dropped (the file renamed or removed by
/// its NamedTempFile), it leaves the list.
struct Registration(PathBuf);

impl Registration {
    fn new(path: &Path) -> Registration {
        TEMPORARY
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .push(path.to_path_buf());
        Registration(path.to_path_buf())
    }
}

impl Drop for Registration {
    fn drop(&mut self) {
        TEMPORARY
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .retain(|p| p != &self.0);
    }
}

/// Refuses an `output` that is one of the command's inputs: one of `inputs`, or any file
/// of the `--rules`/`--seeds` folders. Compared by file identity (device and inode), so
/// `./a.yaml`, a symlink or a hard link to an input are caught too.
pub(super) fn refuse_output_over_input(
    output: Option<&Path>,
    inputs: &[&Path],
    source: &RuleSource,
) -> Result<(), Failure> {
    let Some(out) = output else { return Ok(()) };
    // A path that does not exist yet cannot be an input.
    let Some(id) = FileId::of(out) else {
        return Ok(());
    };
    // One `stat` per input: for a thousand files that is milliseconds before any work
    // can start, so it is spread over the cores like the work itself.
    let hit = inputs
        .par_iter()
        .find_first(|f| FileId::of(f).as_ref() == Some(&id))
        .map(|f| f.display().to_string())
        .or_else(|| {
            [&source.rules, &source.seeds]
                .into_iter()
                .flatten()
                .find(|dir| folder_holds(dir, &id, 0))
                .map(|dir| format!("a file of `{}`", dir.display()))
        });
    match hit {
        Some(input) => Err(Failure::OutputIsInput {
            output: out.to_path_buf(),
            input,
        }),
        None => Ok(()),
    }
}

/// Which file a path names, following symlinks.
#[derive(Debug, Clone, PartialEq, Eq)]
struct FileId(#[cfg(unix)] (u64, u64), #[cfg(not(unix))] PathBuf);

impl FileId {
    fn of(path: &Path) -> Option<FileId> {
        #[cfg(unix)]
        {
            use std::os::unix::fs::MetadataExt;
            let m = std::fs::metadata(path).ok()?;
            Some(FileId((m.dev(), m.ino())))
        }
        #[cfg(not(unix))]
        {
            path.canonicalize().ok().map(FileId)
        }
    }
}

/// Whether `dir` (searched as the rule loader does, following symlinks, to a bounded depth
/// so a symlink loop ends) holds the file `id`.
fn folder_holds(dir: &Path, id: &FileId, depth: usize) -> bool {
    if depth > 32 {
        return false;
    }
    let Ok(entries) = std::fs::read_dir(dir) else {
        return false;
    };
    entries.flatten().any(|entry| {
        let path = entry.path();
        if path.is_dir() {
            folder_holds(&path, id, depth + 1)
        } else {
            FileId::of(&path).as_ref() == Some(id)
        }
    })
}
