fn main() {
    std::process::exit(acquis::cli::run(std::env::args_os()));
}
