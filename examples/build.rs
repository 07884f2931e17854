//! Generates the greeter service from `proto/helloworld/helloworld.proto` with protox, a
//! pure-Rust protobuf compiler, so the examples build without a system `protoc`.

fn main() {
    let proto_dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../proto");
    let file = "helloworld/helloworld.proto";
    println!("cargo:rerun-if-changed={}", proto_dir.join(file).display());
    let descriptors = match protox::compile([file], [&proto_dir]) {
        Ok(descriptors) => descriptors,
        Err(error) => panic!(
            "{} does not compile: {error:?}",
            proto_dir.join(file).display()
        ),
    };
    // The request checks its own fields with validator: an empty name is the greeter's
    // `EmptyName` error, its `BadRequest` made from validator's report.
    let generate = tonic_prost_build::configure()
        .type_attribute("helloworld.HelloRequest", "#[derive(validator::Validate)]")
        .field_attribute(
            "helloworld.HelloRequest.name",
            r#"#[validate(length(min = 1, code = "empty_name", message = "The name must not be empty."))]"#,
        );
    if let Err(error) = generate.compile_fds(descriptors) {
        panic!("generating the greeter service failed: {error}");
    }
}
