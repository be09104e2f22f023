// Reports are rendered on one of rayon's threads and often written and freed on another;
// glibc's malloc pays for every such cross-thread free (arena locks, consolidation: +20% CPU
// on two cores in the 1,000-file run), mimalloc does not. It is built without transparent
// huge pages (`no_thp` in Cargo.toml): zeroing them cost two cores 9 ms of kernel time in
// that run (docs/performance.md).
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() {
    std::process::exit(acquis::cli::run(std::env::args_os()));
}
