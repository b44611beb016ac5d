package dev.gdwrtc.core;

/** How a multiplayer peer was created: not yet, create_server, create_client, create_mesh/initialize. */
enum NetworkMode {
    NONE,
    SERVER,
    CLIENT,
    MESH
}
