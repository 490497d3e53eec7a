/** The signaling protocol: message types, their JSON codec, validation and error codes. */
package com.tutorme.video.protocol;
