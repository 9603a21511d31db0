mod default_controller;
mod default_writer;
mod objects;
mod stream;
mod writer;

pub(crate) use default_controller::{
    WritableStreamDefaultController, WritableStreamDefaultControllerPrimordials,
};
pub(crate) use default_writer::{WritableStreamDefaultWriter, WritableStreamDefaultWriterOwned};
pub(crate) use objects::{WritableStreamClassObjects, WritableStreamObjects};
pub(crate) use stream::{
    WritableStream, WritableStreamClass, WritableStreamOwned, WritableStreamState,
};
