/**
 * Video sessions as the product sees them: who may create, read and end a booking's session,
 * and when a booking may have one. No Netty here; HTTP routes and embedders call the same
 * service, and the live rooms hear about ended sessions through {@link
 * com.tutorme.video.server.session.SessionEndListener}.
 */
package com.tutorme.video.server.session;
