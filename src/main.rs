//! Newsfront entry point.

fn main() {
    newsfront::start();
}
