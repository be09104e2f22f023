// Reports are rendered on rayon's threads and freed on the thread that writes them; glibc's
// malloc pays for every such cross-thread free (arena locks, consolidation: +20% CPU on two
// cores in the 1,000-file run), mimalloc does not (docs/performance.md).
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() {
    std::process::exit(acquis::cli::run(std::env::args_os()));
}
